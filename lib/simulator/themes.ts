/**
 * Story themes of the generator: how a kind of idea is styled, lit, scored and narrated.
 */

export type Lang = "en" | "es" | "fr" | "de";

export type Theme = {
  key: string;
  /** Idea words that point to this theme, with their weight. */
  keywords: Record<string, number>;
  style: string;
  lighting: string[];
  sceneNouns: string[];
  finaleName: string;
  music: string;
  gestures: string[];
  moodLines: string[];
  titles: string[];
  moods: Record<Lang, string[]>;
  /** Default elements when the idea names none. */
  defaultCast: string[];
  defaultPlaces: string[];
  defaultThings: string[];
};

const w = (words: string, weight = 1): Record<string, number> =>
  Object.fromEntries(words.split(/\s+/).filter(Boolean).map((x) => [x, weight]));

export const THEMES: Theme[] = [
  {
    key: "music",
    keywords: { ...w("music musical instrument band concert song sing singing melody orchestra jazz rock symphony tune"), ...w("instruments", 2) },
    style: "Pixar-style 3D",
    lighting: ["golden hour", "bright daylight", "soft dusk", "dappled sunlight", "warm stage light"],
    sceneNouns: ["Solo", "Rhythm", "Tune", "Jam", "Serenade", "Encore", "Overture", "Melody"],
    finaleName: "Grand Finale",
    music: "A whimsical, upbeat melody with {instruments}, creating a joyful, harmonious atmosphere.",
    gestures: ["plays with growing energy", "sways to the rhythm", "taps along to the beat", "closes their eyes and lets the music flow"],
    moodLines: ["Their eyes are closed in joy as music flows.", "Every note seems to make the world brighter.", "A little crowd of onlookers gathers to listen."],
    titles: ["A Symphony in the {env}", "{char} and the Band", "The {env} Jam Session"],
    moods: {
      en: ["music", "joyful melodies", "harmony", "rhythm"],
      es: ["música", "armonía", "ritmo", "alegría"],
      fr: ["musique", "harmonie", "rythme", "joie"],
      de: ["Musik", "Harmonie", "Rhythmus", "Freude"],
    },
    defaultCast: ["@animals"],
    defaultPlaces: ["meadow", "park"],
    defaultThings: ["@instruments"],
  },
  {
    key: "product",
    keywords: { ...w("commercial advertisement advert ad promo brand launch marketing", 2), ...w("promotional product showcase sale company website skincare") },
    style: "cinematic photorealistic",
    lighting: ["soft studio light", "crisp morning light", "warm backlight", "clean high-key light", "golden hour"],
    sceneNouns: ["Moment", "Reveal", "Spotlight", "Ritual", "Glow"],
    finaleName: "Hero Shot",
    music: "A modern, uplifting pop track with crisp beats and airy synths, polished and confident.",
    gestures: ["smiles as the camera catches every detail", "turns toward the light with quiet confidence", "holds the moment with a relaxed, genuine smile"],
    moodLines: ["The product is framed with crisp, premium detail.", "Every surface looks clean, fresh and inviting.", "The mood is effortless and aspirational."],
    titles: ["{product}: Made for Every Moment", "{product}: Feel the Difference", "Discover {product}"],
    moods: {
      en: ["confidence", "fresh energy", "comfort", "style"],
      es: ["confianza", "energía", "comodidad", "estilo"],
      fr: ["confiance", "énergie", "confort", "style"],
      de: ["Zuversicht", "Energie", "Komfort", "Stil"],
    },
    defaultCast: ["woman"],
    defaultPlaces: ["studio", "city"],
    defaultThings: ["bottle"],
  },
  {
    key: "fantasy",
    keywords: w("magic magical enchanted dragon wizard witch castle quest fairy kingdom princess knight legend myth unicorn shonen spell treasure"),
    style: "storybook fantasy illustration",
    lighting: ["golden hour", "moonlight", "mystical glow", "sunlight filtering through the canopy", "soft, warm sunlight"],
    sceneNouns: ["Journey", "Discovery", "Challenge", "Secret", "Triumph", "Quest"],
    finaleName: "The Final Triumph",
    music: "A sweeping orchestral piece with soaring strings, harp and a gentle choir, full of wonder.",
    gestures: ["steps forward with wide-eyed wonder", "looks up as the light grows brighter", "reaches out carefully, breath held"],
    moodLines: ["The air shimmers with a faint, magical glow.", "Something ancient seems to stir nearby.", "The moment feels like the start of a legend."],
    titles: ["{char} and the {obj}", "The Legend of the {env}", "{char}'s Quest"],
    moods: {
      en: ["magic", "wonder", "courage", "mystery"],
      es: ["magia", "asombro", "valentía", "misterio"],
      fr: ["magie", "émerveillement", "courage", "mystère"],
      de: ["Magie", "Staunen", "Mut", "Geheimnis"],
    },
    defaultCast: ["knight", "dragon"],
    defaultPlaces: ["forest", "castle"],
    defaultThings: ["sword", "map"],
  },
  {
    key: "space",
    keywords: w("space planet galaxy astronaut rocket alien star stars moon robot future futuristic sci-fi scifi spaceship mars"),
    style: "cinematic sci-fi",
    lighting: ["starlight", "cool blue rim light", "glowing nebula light", "harsh sunlight in vacuum", "soft cockpit glow"],
    sceneNouns: ["Launch", "Orbit", "Discovery", "Signal", "Landing", "Horizon"],
    finaleName: "Among the Stars",
    music: "An atmospheric electronic score with shimmering pads and a slow, pulsing beat.",
    gestures: ["floats forward in slow motion", "turns to gaze at the distant stars", "raises a hand toward the glowing horizon"],
    moodLines: ["The silence of space feels vast and full of promise.", "Distant stars glitter like scattered diamonds.", "A soft glow reflects across every surface."],
    titles: ["Beyond the Stars with {char}", "{char}'s Journey to the {env}", "Signal from the {env}"],
    moods: {
      en: ["wonder", "discovery", "starlight", "curiosity"],
      es: ["asombro", "descubrimiento", "luz de estrellas", "curiosidad"],
      fr: ["émerveillement", "découverte", "lumière", "curiosité"],
      de: ["Staunen", "Entdeckung", "Sternenlicht", "Neugier"],
    },
    defaultCast: ["astronaut", "robot"],
    defaultPlaces: ["spaceship", "space"],
    defaultThings: ["telescope"],
  },
  {
    key: "food",
    keywords: w("food recipe cook cooking kitchen chef bake baking pizza cake coffee restaurant dish meal breakfast dinner smoothie burger"),
    style: "bright food photography",
    lighting: ["warm morning light", "soft window light", "golden hour", "cozy tungsten light"],
    sceneNouns: ["Prep", "Sizzle", "First Taste", "Secret Ingredient", "Feast"],
    finaleName: "The Feast",
    music: "A warm, playful acoustic tune with ukulele, light percussion and whistling.",
    gestures: ["breathes in the aroma with a blissful smile", "works with quick, practiced hands", "takes a bite and closes their eyes in delight"],
    moodLines: ["Steam rises and every texture looks irresistible.", "Fresh ingredients glisten in the light.", "It is the kind of moment you can almost taste."],
    titles: ["A Taste of the {env}", "{char}'s Kitchen", "The {obj} Recipe"],
    moods: {
      en: ["delicious aromas", "warmth", "flavour", "comfort"],
      es: ["aromas deliciosos", "calidez", "sabor", "alegría"],
      fr: ["saveurs", "chaleur", "gourmandise", "joie"],
      de: ["Duft", "Wärme", "Geschmack", "Genuss"],
    },
    defaultCast: ["chef"],
    defaultPlaces: ["kitchen", "market"],
    defaultThings: ["cake"],
  },
  {
    key: "sports",
    keywords: w("sport sports football soccer basketball tennis running race marathon gym training match ski skiing surf surfing athlete"),
    style: "cinematic sports photography",
    lighting: ["blazing floodlights", "early morning light", "dramatic backlight", "golden hour"],
    sceneNouns: ["Warm-Up", "Drive", "Comeback", "Big Moment", "Victory"],
    finaleName: "Victory Lap",
    music: "A driving, high-energy anthem with punchy drums and bold brass.",
    gestures: ["bursts forward with explosive energy", "wipes their brow and grins", "pumps a fist as the crowd roars"],
    moodLines: ["Every muscle is tense with focus.", "Sweat glistens in the light.", "The crowd holds its breath."],
    titles: ["{char}'s Big Game", "Chasing the Win", "The Road to Victory"],
    moods: {
      en: ["energy", "determination", "teamwork", "pride"],
      es: ["energía", "determinación", "trabajo en equipo", "orgullo"],
      fr: ["énergie", "détermination", "esprit d'équipe", "fierté"],
      de: ["Energie", "Entschlossenheit", "Teamgeist", "Stolz"],
    },
    defaultCast: ["athlete"],
    defaultPlaces: ["stadium", "gym"],
    defaultThings: ["ball"],
  },
  {
    key: "travel",
    keywords: w("travel trip journey landscape landscapes tour vacation holiday explore exploring road wander adventure city"),
    style: "cinematic travel film",
    lighting: ["golden hour", "soft morning mist", "bright midday sun", "blue hour"],
    sceneNouns: ["Arrival", "Detour", "View", "Discovery", "Sunset"],
    finaleName: "Homeward Bound",
    music: "An uplifting indie-folk track with acoustic guitar, hand claps and open, airy vocals.",
    gestures: ["turns slowly to take in the view", "walks on with a light, eager step", "pauses to capture the moment"],
    moodLines: ["The view stretches endlessly toward the horizon.", "Everything feels new and full of possibility.", "The light paints the whole scene in warm tones."],
    titles: ["Postcards from the {env}", "{char}'s Great Journey", "Wanderlust"],
    moods: {
      en: ["adventure", "discovery", "freedom", "wonder"],
      es: ["aventura", "descubrimiento", "libertad", "asombro"],
      fr: ["aventure", "découverte", "liberté", "émerveillement"],
      de: ["Abenteuer", "Entdeckung", "Freiheit", "Staunen"],
    },
    defaultCast: ["traveler"],
    defaultPlaces: ["mountain", "lake"],
    defaultThings: ["camera", "map"],
  },
  {
    key: "nature",
    keywords: w("animal animals forest nature wildlife jungle ocean wild bunny rabbit fox bear"),
    style: "Pixar-style 3D",
    lighting: ["sunlight filtering through the canopy", "golden hour", "soft, warm sunlight", "misty morning light"],
    sceneNouns: ["Adventure", "Discovery", "Surprise", "Wander", "Delight"],
    finaleName: "Home at Last",
    music: "A gentle, uplifting orchestral piece with flutes and strings capturing whimsy and wonder.",
    gestures: ["pauses, ears twitching at a new sound", "scampers forward with lively curiosity", "looks around with shining eyes"],
    moodLines: ["The scene captures the serene beauty of nature.", "The whole world seems alive and gently humming.", "Tiny details sparkle everywhere."],
    titles: ["Wonders of the {env}", "{char}'s Big Discovery", "A Day in the {env}"],
    moods: {
      en: ["wonder", "life", "gentle joy", "calm"],
      es: ["asombro", "vida", "alegría", "calma"],
      fr: ["émerveillement", "vie", "joie", "calme"],
      de: ["Staunen", "Leben", "Freude", "Ruhe"],
    },
    defaultCast: ["@animals2"],
    defaultPlaces: ["forest", "meadow"],
    defaultThings: ["honeycomb"],
  },
  {
    key: "generic",
    keywords: {},
    style: "cinematic",
    lighting: ["golden hour", "soft morning light", "warm afternoon light", "blue hour"],
    sceneNouns: ["Moment", "Discovery", "Journey", "Surprise", "Turning Point"],
    finaleName: "A New Beginning",
    music: "A warm cinematic piano piece that builds into a hopeful, uplifting finish.",
    gestures: ["turns with a delighted smile", "steps forward with quiet curiosity", "looks up in wonder"],
    moodLines: ["The moment feels warm and full of hope.", "Every detail glows softly in the light.", "It feels like the start of something new."],
    titles: ["{char}'s Story", "The Day in the {env}", "{char} and the {obj}"],
    moods: {
      en: ["wonder", "hope", "joy", "warmth"],
      es: ["asombro", "esperanza", "alegría", "calidez"],
      fr: ["émerveillement", "espoir", "joie", "chaleur"],
      de: ["Staunen", "Hoffnung", "Freude", "Wärme"],
    },
    defaultCast: ["person"],
    defaultPlaces: ["city", "park"],
    defaultThings: ["camera"],
  },
];

export const NARRATION: Record<Lang, { lines: string[]; finale: string; friends: string; and: string }> = {
  en: {
    lines: [
      "In the heart of the {env}, {char} fills the air with {mood}.",
      "{char} and the {obj} turn the {env} into a place of {mood}.",
      "Every moment with {char} is full of {mood}.",
      "As the light shifts over the {env}, {char} finds {mood} in the smallest things.",
      "{char} pauses, and the whole {env} seems to hold its breath.",
      "With the {obj} close at hand, {char} is ready for whatever comes next.",
    ],
    finale: "Together, {chars} turn the {env} into a celebration of {mood}.",
    friends: "friends",
    and: "and",
  },
  es: {
    lines: [
      "En el corazón de {env}, {char} llena el aire de {mood}.",
      "{char} y {obj} convierten {env} en un lugar de {mood}.",
      "Cada momento con {char} está lleno de {mood}.",
      "Mientras la luz cambia sobre {env}, {char} encuentra {mood} en las cosas pequeñas.",
      "{char} se detiene, y todo {env} parece contener la respiración.",
      "Con {obj} cerca, {char} no quiere perderse nada.",
    ],
    finale: "Juntos, {chars} convierten {env} en una celebración de {mood}.",
    friends: "sus amigos",
    and: "y",
  },
  fr: {
    lines: [
      "Au cœur de {env}, {char} remplit l'air de {mood}.",
      "{char} et {obj} font de {env} un lieu de {mood}.",
      "Chaque instant avec {char} est rempli de {mood}.",
      "Sous la lumière changeante de {env}, {char} savoure chaque instant.",
      "{char} s'arrête, et tout {env} semble retenir son souffle.",
      "Avec {obj} tout près, {char} ne veut rien manquer.",
    ],
    finale: "Ensemble, {chars} transforment {env} en une fête de {mood}.",
    friends: "ses amis",
    and: "et",
  },
  de: {
    lines: [
      "Mitten in {env} erfüllt {char} die Luft mit {mood}.",
      "{char} und {obj} verwandeln {env} in einen Ort voller {mood}.",
      "Jeder Moment mit {char} ist voller {mood}.",
      "Im wechselnden Licht von {env} genießt {char} jeden Augenblick.",
      "{char} hält inne, und {env} scheint den Atem anzuhalten.",
      "Mit {obj} in der Hand ist {char} bereit für alles, was kommt.",
    ],
    finale: "Gemeinsam verwandeln {chars} {env} in ein Fest voller {mood}.",
    friends: "Freunde",
    and: "und",
  },
};

export const LYRICS: Record<Lang, string> = {
  en: "In the {env} where dreams are spun, {c1} and {c2} greet the sun. Every step a little song, {mood} carries us along. Together we will find our way, shining bright like a brand new day.",
  es: "En {env}, donde nacen los sueños, {c1} y {c2} saludan al sol. Cada paso es una canción que nos lleva de la mano. Juntos encontraremos el camino, brillando como un nuevo día.",
  fr: "Dans {env}, où naissent les rêves, {c1} et {c2} saluent le soleil. Chaque pas devient une chanson qui nous emporte. Ensemble nous trouverons le chemin, brillants comme un jour nouveau.",
  de: "In {env}, wo Träume wohnen, grüßen {c1} und {c2} die Sonne. Jeder Schritt ein kleines Lied, das uns weiter trägt. Gemeinsam finden wir den Weg, strahlend wie ein neuer Tag.",
};

export function languageCode(language: string): Lang {
  const l = language.trim().toLowerCase();
  if (/^(es|spa|spanish|español|espanol|castellano)/.test(l)) return "es";
  if (/^(fr|fre|fra|french|français|francais)/.test(l)) return "fr";
  if (/^(de|ger|deu|german|deutsch)/.test(l)) return "de";
  return "en";
}

export const SHOTS = ["Close-up", "Medium shot", "Wide shot", "Low-angle shot", "Medium close-up", "Over-the-shoulder shot"];
export const CAMERA_MOTIONS = ["dolly in", "zoom in", "slow pan left", "slow pan right", "tilt up", "tracking shot", "slow orbit", "crane up", "dolly out"];
export const CAMERA_ANGLES = ["eye level", "low angle", "high angle", "eye level", "bird's-eye view", "close-up"];
