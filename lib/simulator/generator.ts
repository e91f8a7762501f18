import {
  ANIMALS,
  CRITTER_NAMES,
  CUTE_ANIMALS,
  FEMALE_NAMES,
  KNOWN_PLACES,
  MALE_NAMES,
  MUSIC_NAMES,
  NEUTRAL_NAMES,
  NUMBER_WORDS,
  PEOPLE,
  PLACES,
  PLACE_WORDS,
  ROBOT_NAMES,
  STYLE_WORDS,
  THINGS,
  type PlaceEntry,
  type ThingEntry,
} from "./lexicon";
import {
  CAMERA_ANGLES,
  CAMERA_MOTIONS,
  LYRICS,
  NARRATION,
  SHOTS,
  THEMES,
  languageCode,
  type Lang,
  type Theme,
} from "./themes";
import type { SimElement, SimScene, SimStoryboard } from "./types";
import { capitalize, clone, isRecord, rng, titleCase, type Rng } from "./util";

/**
 * Deterministic storyboard text from an idea (seeded by a hash of the idea and the options): characters,
 * environments, objects, music, a title scene and scenes that mention elements as **Name**.
 */

export type InitialElements = Partial<Record<"characters" | "environments" | "objects", SimElement[]>>;

export type GenerateInput = {
  idea: string;
  title?: string;
  sceneCount: number;
  language: string;
  elements?: InitialElements;
  imageUrls?: string[];
};

export type Generated = { storyboard: SimStoryboard; imagePrompts: string[]; title: string };

type CastMember = { name: string; desc: string; kind: "animal" | "person" | "given"; species: string };
type Place = { name: string; desc: string; scenery: string; ambient: string; proper: boolean; given?: SimElement };
type Thing = { name: string; desc: string; verbs: string[]; instrument: boolean; product: boolean; given?: SimElement };

const STOP_NAMES = new Set(
  "I A An The In On At Of And Or But With For To From By This That These Those It Its Our My Your Their We You They He She Style Pixar Disney Shonen Anime English Spanish French German AI 3D 2D TV OK Make Create Generate Show Animated Cinematic Realistic Meanwhile Then When Once Video Story Scene Title Please Use Let".split(
    " ",
  ),
);

function singulars(word: string): string[] {
  const irregular: Record<string, string> = {
    children: "child", people: "person", mice: "mouse", women: "woman", men: "man", geese: "goose",
    wolves: "wolf", shelves: "shelf", knives: "knife", leaves: "leaf", sheep: "sheep", fish: "fish",
  };
  const out = [word];
  if (irregular[word]) out.push(irregular[word]);
  if (word.endsWith("ies")) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("es")) out.push(word.slice(0, -2));
  if (word.endsWith("s")) out.push(word.slice(0, -1));
  return out;
}

function lookup<T>(word: string, dict: Record<string, T>): [string, T] | undefined {
  for (const s of singulars(word)) if (Object.prototype.hasOwnProperty.call(dict, s)) return [s, dict[s]];
  return undefined;
}

function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\d][\p{L}\d'’-]*/gu) ?? []).map((t) => t.replace(/['’]s$/, ""));
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

function joinNames(names: string[], and: string): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} ${and} ${names[names.length - 1]}`;
}

function chooseTheme(words: string[], hasBrand: boolean, hasInstruments: boolean, hasAnimals: boolean): Theme {
  let best: Theme | undefined;
  let bestScore = 0;
  for (const theme of THEMES) {
    let score = 0;
    for (const word of words) {
      for (const s of singulars(word)) {
        if (theme.keywords[s]) {
          score += theme.keywords[s];
          break;
        }
      }
    }
    if (theme.key === "music" && hasInstruments) score += 2;
    if (theme.key === "product" && hasBrand) score += 2;
    if (theme.key === "nature" && hasAnimals) score += 1;
    if (score > bestScore) {
      best = theme;
      bestScore = score;
    }
  }
  return best ?? THEMES[THEMES.length - 1];
}

type NameHit = { phrase: string; start: number; end: number; prev: string };

/** Capitalised phrases that are not at the start of a sentence: names, products, places. */
function properPhrases(idea: string): NameHit[] {
  const hits: NameHit[] = [];
  const re = /[A-Z][\p{L}\d'’-]*(?:\s+[A-Z][\p{L}\d'’-]*)*/gu;
  for (let m = re.exec(idea); m; m = re.exec(idea)) {
    const before = idea.slice(0, m.index);
    const sentenceStart = /(^|[.!?:;"“]\s*)$/.test(before);
    let phrase = m[0].replace(/['’]s$/, "");
    const words = phrase.split(/\s+/).filter((w) => !STOP_NAMES.has(w));
    if (sentenceStart && words.length === phrase.split(/\s+/).length && words.length === 1) continue;
    phrase = words.join(" ");
    if (!phrase || words.length > 3 || phrase.length < 2) continue;
    const prevWord = (before.match(/([\p{L}]+)\s*$/u)?.[1] ?? "").toLowerCase();
    hits.push({ phrase, start: m.index, end: m.index + m[0].length, prev: prevWord });
  }
  return hits;
}

function makeNamePicker(r: Rng, taken: Set<string>) {
  const pools = {
    f: r.shuffle(FEMALE_NAMES),
    m: r.shuffle(MALE_NAMES),
    n: r.shuffle(NEUTRAL_NAMES),
    critter: r.shuffle(CRITTER_NAMES),
    music: r.shuffle(MUSIC_NAMES),
    robot: r.shuffle(ROBOT_NAMES),
  };
  return (pool: keyof typeof pools): string => {
    const list = pools[pool];
    for (const name of list) {
      if (!taken.has(name.toLowerCase())) {
        taken.add(name.toLowerCase());
        return name;
      }
    }
    const name = `${list[0]} ${taken.size + 1}`;
    taken.add(name.toLowerCase());
    return name;
  };
}

const ADJECTIVES = ["small", "lively", "gentle", "curious", "cheerful", "brave", "playful", "graceful"];
const EYES = [
  "Large, friendly eyes sparkle with curiosity.",
  "Bright eyes shine with a hint of mischief.",
  "Calm, thoughtful eyes take in every detail.",
  "Warm eyes crinkle with every smile.",
];
const PERSONALITY = [
  "Youthful and full of energy, {name} never stands still.",
  "Calm and wise, {name} brings a sense of peace wherever they go.",
  "Bold and adventurous, {name} is always the first to explore.",
  "Kind-hearted and patient, {name} looks out for every friend.",
];
const HAIR = ["wavy auburn hair", "a sleek black ponytail", "short platinum curls", "long chestnut braids", "a cropped silver pixie cut"];
const OUTFITS = ["a bright yellow jacket", "a cosy red parka", "a teal puffer coat", "a cream cable-knit sweater", "a navy wool coat"];
const EXPRESSIONS = ["a curious smile", "an infectious laugh", "a calm, confident gaze", "a playful grin", "a warm, open expression"];
const GENERIC_VERBS = ["holds", "discovers", "examines", "carries", "reaches for", "admires"];
const TITLE_LOOKS = [
  "glowing golden letters floating above the {env}, shimmering as the light catches them",
  "hand-painted letters on a weathered wooden sign at the edge of the {env}",
  "bold letters that sweep across the sky above the {env} in a trail of sparkles",
  "elegant letters etched in light over the {env}, slowly revealing themselves",
];

export function generateStoryboard(input: GenerateInput): Generated {
  const idea = input.idea.trim();
  const imageUrls = input.imageUrls ?? [];
  const n = Math.max(1, imageUrls.length > 0 ? imageUrls.length : input.sceneCount);
  const lang: Lang = languageCode(input.language || "English");
  const r = rng(`${idea}|${n}|${lang}|${imageUrls.join(",")}|${JSON.stringify(input.elements ?? {})}`);
  const words = tokenize(idea);

  // ---- What the idea mentions -------------------------------------------------------------------------------
  const phrases = properPhrases(idea);
  const urlBrand = /https?:\/\/(?:www\.)?([a-z0-9-]+)\./i.exec(idea)?.[1];
  const brandPhrases = phrases.filter(
    (p) => /[a-z][A-Z]/.test(p.phrase) || /[™®]/.test(p.phrase) || p.phrase.split(/\s+/).some((w) => !!lookup(w.toLowerCase(), THINGS) && p.phrase.includes(" ")),
  );
  const placePhrases = phrases.filter((p) => KNOWN_PLACES[p.phrase.toLowerCase()] && !brandPhrases.includes(p));
  const namePhrases = phrases.filter((p) => !brandPhrases.includes(p) && !placePhrases.includes(p) && !lookup(p.phrase.toLowerCase(), PLACE_WORDS) && !lookup(p.phrase.toLowerCase(), THINGS));

  // Words inside a name's descriptive clause ("Charlie, a cheerful young person with ...") describe that name.
  let ideaForHits = idea;
  for (const hit of namePhrases) {
    const clause = /^\s*,\s*[^.;]{12,200}/.exec(idea.slice(hit.end))?.[0];
    if (clause) ideaForHits = ideaForHits.slice(0, hit.end) + " ".repeat(clause.length) + ideaForHits.slice(hit.end + clause.length);
  }
  const hitWords = tokenize(ideaForHits);
  const animalHits: Array<{ key: string; count: number }> = [];
  const personHits: Array<{ key: string; count: number }> = [];
  const placeKeys: string[] = [];
  const thingKeys: string[] = [];
  let wantsAnimals = false;
  let wantsInstruments = false;
  hitWords.forEach((word, i) => {
    if (/^(animals?|creatures?|pets?|critters?)$/.test(word)) wantsAnimals = true;
    if (/^instruments?$/.test(word)) wantsInstruments = true;
    const prev = hitWords[i - 1] ?? "";
    const plural = !singulars(word).slice(1).every((s) => s === word) && !/(ss|us)$/.test(word);
    const countOf = (singular: string) => {
      const num = NUMBER_WORDS[prev] ?? (/^\d+$/.test(prev) ? Number.parseInt(prev, 10) : undefined);
      if (num) return Math.min(4, num);
      return plural && word !== singular ? 2 : 1;
    };
    const animal = lookup(word, ANIMALS);
    if (animal) {
      if (!animalHits.some((h) => h.key === animal[0])) animalHits.push({ key: animal[0], count: countOf(animal[0]) });
      return;
    }
    const person = lookup(word, PEOPLE);
    if (person) {
      if (!personHits.some((h) => h.key === person[0])) personHits.push({ key: person[0], count: countOf(person[0]) });
      return;
    }
    const place = lookup(word, PLACE_WORDS);
    if (place && !placeKeys.includes(place[1])) placeKeys.push(place[1]);
    const thing = lookup(word, THINGS);
    if (thing && !thingKeys.some((k) => THINGS[k].label === thing[1].label)) thingKeys.push(thing[0]);
  });
  const instrumentKeys = thingKeys.filter((k) => THINGS[k].instrument);

  const theme = chooseTheme(words, brandPhrases.length > 0 || !!urlBrand, instrumentKeys.length > 0 || wantsInstruments, wantsAnimals || animalHits.length > 0);
  const style = STYLE_WORDS.find(([re]) => re.test(idea))?.[1] ?? theme.style;
  const given = input.elements ?? {};

  // ---- Characters --------------------------------------------------------------------------------------------
  const taken = new Set<string>((given.characters ?? []).map((c) => String(c.name).toLowerCase()));
  const pickName = makeNamePicker(r, taken);
  const cast: CastMember[] = (given.characters ?? []).map((c) => ({ name: String(c.name), desc: String(c.description ?? ""), kind: "given", species: "" }));
  const usedAnimalKeys = new Set<string>();
  const usedPersonKeys = new Set<string>();

  for (const hit of namePhrases) {
    if (cast.length >= 4 + (given.characters?.length ?? 0)) break;
    const name = hit.phrase;
    if (taken.has(name.toLowerCase()) && cast.some((c) => c.name.toLowerCase() === name.toLowerCase())) continue;
    taken.add(name.toLowerCase());
    // "Bunny", or "Riff the monkey", or "Charlie, a cheerful young person with ..."
    const selfAnimal = lookup(name.toLowerCase(), ANIMALS);
    const after = idea.slice(hit.end);
    const theAnimal = /^\s*,?\s*(?:the|a|an)\s+(\w+)/i.exec(after)?.[1]?.toLowerCase();
    const species = selfAnimal ?? (theAnimal ? lookup(theAnimal, ANIMALS) : undefined);
    const clause = /^\s*,\s*([^.;]{12,200})/.exec(after)?.[1]?.trim();
    if (species) {
      usedAnimalKeys.add(species[0]);
      cast.push({ name, kind: "animal", species: species[1].label, desc: "" });
    } else {
      const personKey = theAnimal ? lookup(theAnimal, PEOPLE)?.[0] : undefined;
      if (personKey) usedPersonKeys.add(personKey);
      cast.push({ name, kind: "person", species: personKey ? PEOPLE[personKey].label : "person", desc: clause ? clause.replace(/\s+/g, " ") : "" });
    }
  }
  const generatedLimit = 4;
  const countGenerated = () => cast.filter((c) => c.kind !== "given").length;
  const musicNames = theme.key === "music";
  const addAnimal = (key: string) => {
    const entry = ANIMALS[key];
    const name = entry.label === "dragon" || entry.label === "unicorn" ? pickName("critter") : pickName(musicNames ? "music" : "critter");
    cast.push({ name, kind: "animal", species: entry.label, desc: "" });
  };
  const personCounts = new Map<string, number>();
  const addPerson = (key: string) => {
    const entry = PEOPLE[key];
    const name = key === "robot" ? pickName("robot") : pickName(entry.gender === "f" ? "f" : entry.gender === "m" ? "m" : "n");
    const k = personCounts.get(key) ?? 0;
    personCounts.set(key, k + 1);
    // A second or third person of the same kind looks different.
    const desc = k === 0 || key === "robot" ? "" : `a ${ADJECTIVES[(k * 3) % ADJECTIVES.length]} ${entry.label} with ${HAIR[k % HAIR.length]}, ${OUTFITS[k % OUTFITS.length]} and ${EXPRESSIONS[k % EXPRESSIONS.length]}`;
    cast.push({ name, kind: "person", species: key, desc });
  };
  for (const hit of animalHits) {
    if (usedAnimalKeys.has(hit.key)) continue;
    for (let k = 0; k < hit.count && countGenerated() < generatedLimit; k++) addAnimal(hit.key);
  }
  for (const hit of personHits) {
    if (usedPersonKeys.has(hit.key)) continue;
    for (let k = 0; k < hit.count && countGenerated() < generatedLimit; k++) addPerson(hit.key);
  }
  const herd = Math.max(2, Math.min(4, n));
  if (wantsAnimals && !cast.some((c) => c.kind === "animal")) {
    for (const key of r.shuffle(CUTE_ANIMALS).slice(0, herd)) if (countGenerated() < generatedLimit) addAnimal(key);
  }
  if (cast.length === 0) {
    for (const d of theme.defaultCast) {
      if (d === "@animals" || d === "@animals2") {
        for (const key of r.shuffle(CUTE_ANIMALS).slice(0, d === "@animals" ? herd : 2)) addAnimal(key);
      } else if (ANIMALS[d]) addAnimal(d);
      else if (PEOPLE[d]) addPerson(d);
    }
  }

  // ---- Environments ------------------------------------------------------------------------------------------
  const places: Place[] = (given.environments ?? []).map((e) => ({
    name: String(e.name),
    desc: String(e.description ?? ""),
    scenery: "",
    ambient: "the light shifts gently across the scene",
    proper: false,
    given: e,
  }));
  const placeLimit = places.length + 3;
  for (const p of placePhrases) {
    if (places.length >= placeLimit) break;
    places.push({
      name: p.phrase,
      desc: `${p.phrase}, with ${KNOWN_PLACES[p.phrase.toLowerCase()]}.`,
      scenery: `${capitalize(KNOWN_PLACES[p.phrase.toLowerCase()])} fill the background.`,
      ambient: "the city lights shimmer in the distance",
      proper: true,
    });
  }
  const placeEntry = (key: string): Place => {
    const e: PlaceEntry = PLACES[key];
    return { name: e.name, desc: e.desc, scenery: e.scenery, ambient: e.ambient, proper: false };
  };
  for (const key of placeKeys) {
    if (places.length >= placeLimit) break;
    const e = placeEntry(key);
    if (!places.some((p) => p.name.toLowerCase() === e.name.toLowerCase())) places.push(e);
  }
  if (places.length === (given.environments?.length ?? 0) && places.length === 0) {
    for (const key of theme.defaultPlaces) places.push(placeEntry(key));
  } else if (places.length === (given.environments?.length ?? 0)) {
    places.push(placeEntry(theme.defaultPlaces[0]));
  }
  // Longer stories travel: a second setting when the idea names only one.
  if (n >= 3 && places.length === 1) {
    const more = theme.defaultPlaces.map(placeEntry).find((p) => p.name !== places[0].name);
    if (more) places.push(more);
  }

  // ---- Objects -----------------------------------------------------------------------------------------------
  const things: Thing[] = (given.objects ?? []).map((o) => ({
    name: String(o.name),
    desc: String(o.description ?? ""),
    verbs: ["presents", "reveals"],
    instrument: false,
    product: true,
    given: o,
  }));
  const thingLimit = things.length + 4;
  const thingFrom = (key: string, name?: string, product = false): Thing => {
    const e: ThingEntry = THINGS[key];
    return { name: name ?? e.label, desc: e.desc, verbs: e.verbs, instrument: !!e.instrument, product };
  };
  for (const p of brandPhrases) {
    if (things.length >= thingLimit) break;
    const kind = p.phrase.split(/\s+/).map((w) => lookup(w.toLowerCase(), THINGS)?.[0]).find(Boolean);
    const t: Thing = kind
      ? thingFrom(kind, p.phrase, true)
      : { name: p.phrase, desc: `${p.phrase} presented in sleek, premium packaging with a clean, modern label, glowing softly under studio light.`, verbs: ["holds up", "presents", "shows off"], instrument: false, product: true };
    things.push(t);
  }
  if (urlBrand && things.length < thingLimit) {
    const brand = titleCase(urlBrand.replace(/-/g, " "));
    things.push({ name: `${brand} Logo`, desc: `The ${brand} logo, crisp and bold in the brand's signature colors, rendered cleanly on a smooth surface.`, verbs: ["reveals", "presents"], instrument: false, product: true });
  }
  for (const key of thingKeys) {
    if (things.length >= thingLimit) break;
    const t = thingFrom(key);
    if (things.some((x) => x.name.toLowerCase().includes(t.name.toLowerCase()))) continue;
    things.push(t);
  }
  const animalsOrMusic = theme.key === "music" || wantsInstruments;
  if (animalsOrMusic && !things.some((t) => t.instrument)) {
    const instruments = r.shuffle(Object.keys(THINGS).filter((k) => THINGS[k].instrument && !["bass", "keyboard", "cello"].includes(k)));
    const count = Math.max(1, Math.min(4, cast.length || 2));
    for (const key of instruments.slice(0, count)) things.push(thingFrom(key));
  }
  if (things.length === 0) {
    for (const d of theme.defaultThings) if (THINGS[d]) things.push(thingFrom(d));
  }

  // ---- Scenes ------------------------------------------------------------------------------------------------
  const lighting0 = r.int(0, theme.lighting.length - 1);
  const nouns = r.shuffle(theme.sceneNouns);
  const moods = theme.moods[lang];
  const narr = NARRATION[lang];
  const lineOffset = r.int(0, narr.lines.length - 1);
  const instruments = things.filter((t) => t.instrument);
  const products = things.filter((t) => t.product);
  const nc = Math.max(1, cast.length);
  const castSafe: CastMember[] = cast.length ? cast : [{ name: "the narrator", desc: "", kind: "person", species: "person" }];

  const thingFor = (charIndex: number, sceneIndex: number): Thing => {
    if (theme.key === "music" && instruments.length) return instruments[charIndex % instruments.length];
    if (theme.key === "product" && products.length) return products[sceneIndex % products.length];
    return things[sceneIndex % things.length];
  };

  const scenes: SimScene[] = [];
  const imagePrompts: string[] = [];
  for (let i = 0; i < n; i++) {
    const finale = n >= 3 && i === n - 1 && castSafe.length > 1;
    const ci = i % nc;
    const ch = castSafe[ci];
    const env = places[Math.min(places.length - 1, Math.floor((i * places.length) / n))];
    const obj = thingFor(ci, i);
    const light = theme.lighting[(lighting0 + i) % theme.lighting.length];
    const shot = finale ? "Wide shot" : SHOTS[(i + r.int(0, SHOTS.length - 1)) % SHOTS.length];
    const verb = r.pick(obj.verbs.length ? obj.verbs : GENERIC_VERBS);
    const moodLine = r.pick(theme.moodLines);
    const envScenery = env.scenery || `The **${env.name}** stretches out around them.`;
    const mood = moods[i % moods.length];
    const envText = (template: string) => (env.proper ? template.replace(/the \{env\}/g, "{env}") : template);

    let imageDescription: string;
    let videoDescription: string;
    let narration: string;
    let name: string;
    const motion = CAMERA_MOTIONS[(i * 3 + r.int(0, 2)) % CAMERA_MOTIONS.length];
    const angle = CAMERA_ANGLES[(i + r.int(0, 1)) % CAMERA_ANGLES.length];
    if (finale) {
      const names = castSafe.map((c) => c.name);
      const bold = joinNames(names.map((x) => `**${x}**`), "and");
      const together =
        theme.key === "music" && instruments.length > 1
          ? `play their instruments together in the **${env.name}**`
          : `gather together in the **${env.name}** around the **${obj.name}**`;
      imageDescription = `lighting:${light}, style:${style}, ${bold} ${together}, framed in a wide shot. ${envScenery} ${moodLine}`;
      videoDescription = `camera motion:crane up, camera angle:high angle, ${joinNames(names, "and")} celebrate together, and ${env.ambient}.`;
      narration = fill(envText(narr.finale), { chars: joinNames(names, narr.and), env: env.name, mood });
      name = theme.finaleName;
    } else {
      imageDescription = `lighting:${light}, style:${style}, **${ch.name}** ${verb} the **${obj.name}** in the **${env.name}**, framed in ${article(shot)} ${shot.toLowerCase()}. ${envScenery} ${moodLine}`;
      videoDescription = `camera motion:${motion}, camera angle:${angle}, ${ch.name} ${r.pick(theme.gestures)}, and ${env.ambient}.`;
      narration = fill(envText(narr.lines[(lineOffset + i) % narr.lines.length]), { char: ch.name, env: env.name, obj: obj.name, mood });
      if (lang === "fr") narration = narration.replace(/\bde ([aeiouéèêh])/gi, "d'$1");
      let noun = nouns[i % nouns.length];
      if (noun.toLowerCase() === ch.name.toLowerCase()) noun = nouns[(i + 1) % nouns.length];
      name = `${ch.name}'s ${noun}`;
      if (scenes.some((s) => s.name === name)) name = `${name} ${Math.floor(i / nouns.length) + 2}`;
    }
    if (imageUrls[i]) imageDescription = imageDescription.replace(`style:${style}, `, `style:${style}, based on the provided image, `);
    const scene: SimScene = {
      name,
      image_description: imageDescription,
      video_description: videoDescription,
      narrator: narration,
    };
    if (imageUrls[i]) scene.image_url = imageUrls[i];
    scenes.push(scene);
    imagePrompts.push(
      finale
        ? `a wide shot of ${joinNames(castSafe.map((c) => c.name), "and")} together in the ${env.name.toLowerCase()}`
        : `a ${shot.toLowerCase()} of ${ch.name} with the ${obj.name.toLowerCase()} in the ${env.name.toLowerCase()}`,
    );
  }

  // ---- Elements ----------------------------------------------------------------------------------------------
  const characters: SimElement[] = cast.map((c, k) => {
    if (c.kind === "given") return clone((given.characters ?? [])[k]);
    const inst = theme.key === "music" && instruments.length ? instruments[k % instruments.length] : undefined;
    const hobby = inst ? ` ${c.name} loves playing the ${inst.name.toLowerCase()}.` : "";
    const personality = fill(PERSONALITY[(k + lineOffset) % PERSONALITY.length], { name: c.name });
    if (c.kind === "animal") {
      const entry = Object.values(ANIMALS).find((a) => a.label === c.species);
      const adjective = ADJECTIVES[(k + lighting0) % ADJECTIVES.length];
      return {
        name: c.name,
        description: `Style:${style}, ${c.name} is a ${adjective} ${c.species} with ${entry?.trait ?? "a friendly face"}. ${EYES[k % EYES.length]} ${personality}${hobby}`,
      };
    }
    const look = c.desc || PEOPLE[c.species]?.look || PEOPLE.person.look;
    return { name: c.name, description: `Style:${style}, ${c.name} is ${/^(a|an|the)\s/i.test(look) ? look : `a ${look}`}. ${EYES[k % EYES.length]} ${personality}${hobby}` };
  });
  const environments: SimElement[] = places.map((p) => (p.given ? clone(p.given) : { name: p.name, description: `Style:${style}, ${p.desc}` }));
  const objects: SimElement[] = things.map((t) => (t.given ? clone(t.given) : { name: t.name, description: `Style:${style}, ${t.desc}` }));

  // Every element is mentioned as **Name** in at least one scene.
  const mentionLines: Record<string, string> = {
    characters: "**{name}** watches nearby with a warm smile.",
    environments: "In the background, the **{name}** stretches into the distance.",
    objects: "The **{name}** is clearly visible in the frame.",
  };
  let extra = 0;
  for (const [kind, list] of [["characters", characters], ["environments", environments], ["objects", objects]] as const) {
    for (const el of list) {
      const token = `**${el.name}**`;
      if (scenes.some((s) => s.image_description.includes(token))) continue;
      const scene = scenes[(n - 1 - (extra++ % n) + n) % n];
      scene.image_description = `${scene.image_description} ${fill(mentionLines[kind], { name: String(el.name) })}`;
    }
  }

  // ---- Music and title ---------------------------------------------------------------------------------------
  const instrumentList = instruments.map((t) => t.name.toLowerCase());
  const music = {
    description: fill(theme.music, {
      instruments: instrumentList.length ? joinNames(instrumentList, "and") : "acoustic guitar, percussion, flute and piano",
    }),
    lyrics: fill(LYRICS[lang], {
      env: places[0].proper ? places[0].name : lang === "en" ? `${places[0].name.toLowerCase()}` : places[0].name,
      c1: castSafe[0].name,
      c2: castSafe[1]?.name ?? narr.friends,
      mood: moods[0],
    }),
  };
  const firstProduct = products[0]?.name ?? things[0]?.name ?? "";
  const title =
    input.title?.trim() ||
    fill(r.pick(theme.titles), { char: castSafe[0].name, env: places[0].name, obj: things[0]?.name ?? "", product: firstProduct }).replace(/\s+/g, " ").trim();
  const titleScene = {
    title,
    description: `The title appears as ${fill(r.pick(TITLE_LOOKS), { env: places[0].name })}, capturing the spirit of the story.`,
  };

  const storyboard: SimStoryboard = { characters, environments, objects, music, title_scene: titleScene, scenes };
  return { storyboard, imagePrompts, title };
}

/** Normalises a storyboard posted by a client: keeps unknown fields, fills missing lists. */
export function normalizeStoryboard(value: unknown): SimStoryboard {
  const sb = isRecord(value) ? clone(value) : {};
  const list = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);
  const music = isRecord(sb.music) ? sb.music : { description: "", lyrics: "" };
  return {
    ...sb,
    characters: list(sb.characters) as SimElement[],
    environments: list(sb.environments) as SimElement[],
    objects: list(sb.objects) as SimElement[],
    music: { description: "", lyrics: "", ...music } as SimStoryboard["music"],
    scenes: list(sb.scenes) as SimScene[],
  };
}

/** Initial elements as sent in `elements`: {characters?, environments?, objects?} with name/description/image_url. */
export function normalizeElements(value: unknown): InitialElements {
  if (!isRecord(value)) return {};
  const out: InitialElements = {};
  for (const kind of ["characters", "environments", "objects"] as const) {
    const v = value[kind];
    if (Array.isArray(v)) {
      out[kind] = v
        .filter(isRecord)
        .filter((e) => typeof e.name === "string" && e.name.trim())
        .map((e) => ({ ...e, name: String(e.name), description: String(e.description ?? "") }) as SimElement);
    }
  }
  return out;
}
