"use client";

import { useCallback, useEffect, useRef, useState, type ComponentProps, type KeyboardEvent, type RefObject } from "react";
import { useWatch, type Control, type Path, type UseFormRegisterReturn } from "react-hook-form";
import { mentionKey, mentionSegments, MENTION_FIELDS, renameInText, suggestNames } from "@/lib/stories/mentions";
import { highlightedPart, mentionedKeys } from "./mention-text";
import { newElement } from "@/lib/stories/model";
import { ELEMENT_KINDS, type ElementKind } from "@/lib/validation/storyboard-rules";
import type { Storyboard } from "@/lib/validation/storyboard";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { useMentionElements, useMentionIndex, useUnknownMentions, type MentionElement } from "./mention-index";
import { useEditorTools } from "./use-editor-history";
import { useNearViewport } from "./use-near-viewport";

const box = "px-3 py-2 text-sm leading-relaxed whitespace-pre-wrap break-words";

/**
 * A scene text field whose `**Name**` mentions are highlighted (a backdrop under a transparent-background textarea,
 * so the textarea stays the real, uncontrolled react-hook-form input) and where typing `@` offers the story's
 * elements. Choosing one inserts `**Name**` with the browser's own editing, so native undo keeps working.
 *
 * The highlight is lazy: drawn (and subscribed to the field's value) only while the field is near the viewport or
 * focused, so a 200-scene storyboard mounts 600 plain textareas, not 600 watched backdrops.
 */
export function MentionTextarea({
  control,
  registration,
  className,
  ...props
}: Omit<ComponentProps<"textarea">, "name" | "onChange" | "onBlur"> & { control: Control<Storyboard>; registration: UseFormRegisterReturn }) {
  const backdrop = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const near = useNearViewport(textarea);
  const [focused, setFocused] = useState(false);
  const drawn = near || focused;
  // A highlight drawn after the field may have scrolled starts where the textarea is.
  useEffect(() => {
    if (drawn && backdrop.current && textarea.current) backdrop.current.scrollTop = textarea.current.scrollTop;
  }, [drawn]);
  const mentionIndex = useMentionIndex();
  // The stored text in the server's HTML too (react-hook-form fills the field only when it hydrates): the field has
  // its final height from the start (it grows with its text), so nothing below it moves when the editor hydrates.
  const { getValues } = useEditorTools();
  const initialText = getValues?.(registration.name as Path<Storyboard>);
  const [menu, setMenu] = useState<{ typed: string; at: number; active: number } | null>(null);
  const options = menu ? suggestNames(mentionIndex.elements().map((e) => e.name), menu.typed).slice(0, 8) : [];
  const listId = `${props.id ?? registration.name}-mentions`;

  const lookForAt = useCallback((el: HTMLTextAreaElement) => {
    const before = el.value.slice(0, el.selectionStart ?? 0);
    const m = /(?:^|[\s(])@([^\s@*]{0,30})$/.exec(before);
    setMenu(m ? { typed: m[1], at: before.length - m[1].length - 1, active: 0 } : null);
  }, []);

  const choose = useCallback(
    (name: string) => {
      const el = textarea.current;
      if (!el || !menu) return;
      el.focus();
      el.setSelectionRange(menu.at, el.selectionStart ?? menu.at);
      // execCommand keeps the browser's undo stack and fires `input` (react-hook-form's onChange).
      if (!document.execCommand("insertText", false, `**${name}**`)) {
        el.setRangeText(`**${name}**`, menu.at, el.selectionEnd ?? menu.at, "end");
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }
      setMenu(null);
    },
    [menu],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!menu || options.length === 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setMenu({ ...menu, active: (menu.active + step + options.length) % options.length });
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      choose(options[menu.active]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setMenu(null);
    }
  };

  return (
    <div className="relative rounded-lg bg-white">
      {drawn ? <MentionBackdrop control={control} name={registration.name} backdrop={backdrop} /> : null}
      <textarea
        {...props}
        defaultValue={typeof initialText === "string" ? initialText : undefined}
        name={registration.name}
        ref={(el) => {
          textarea.current = el;
          registration.ref(el);
        }}
        onChange={(e) => {
          void registration.onChange(e);
          lookForAt(e.target);
        }}
        onFocus={() => setFocused(true)}
        onBlur={(e) => {
          void registration.onBlur(e);
          setMenu(null);
          setFocused(false);
        }}
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
        }}
        role={menu && options.length ? "combobox" : undefined}
        aria-expanded={menu && options.length ? true : undefined}
        aria-controls={menu && options.length ? listId : undefined}
        aria-activedescendant={menu && options.length ? `${listId}-${menu.active}` : undefined}
        rows={props.rows ?? 3}
        className={cn(
          "relative block w-full resize-y rounded-lg border-0 bg-transparent text-ink-900 shadow-sm ring-1 ring-inset ring-ink-200 placeholder:text-ink-400 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-400",
          // Grows with its text (app/globals.css); the highlight backdrop (absolute, inset 0) grows with it.
          "grow-with-text",
          box,
          className,
        )}
      />
      {menu && options.length ? (
        <ul id={listId} role="listbox" aria-label="Mention an element" className="absolute left-2 top-full z-30 mt-1 w-56 overflow-hidden rounded-lg bg-white py-1 text-sm shadow-pop ring-1 ring-ink-200">
          {options.map((name, i) => (
            <li
              key={name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === menu.active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(name);
              }}
              className={cn("cursor-pointer px-3 py-1.5", i === menu.active ? "bg-brand-50 text-brand-800" : "text-ink-700")}
            >
              {name}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The highlight under a MentionTextarea: the same text, transparent, with the mentions marked. It holds the text only
 * up to the last mention (`compute`): typing after it (the usual case) neither re-renders it nor writes to its DOM.
 * The spacer keeps it as tall as the textarea's own content so its scroll position can follow the textarea's.
 */
function MentionBackdrop({ control, name, backdrop }: { control: Control<Storyboard>; name: string; backdrop: RefObject<HTMLDivElement | null> }) {
  const value = useWatch({ control, name: name as `scenes.${number}.narrator`, compute: (v: string | undefined) => highlightedPart(v) });
  return (
    <div ref={backdrop} aria-hidden className={cn(box, "pointer-events-none absolute inset-0 overflow-hidden text-transparent")}>
      {mentionSegments(value).map((s, i) =>
        s.mention ? (
          <mark key={i} className="rounded bg-brand-100 text-transparent">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
      <span className="block" style={{ height: "1000rem" }} />
    </div>
  );
}

/** The elements a scene mentions (image on hover or focus), and a warning for each name no element has. */
export function SceneMentions({ control, index }: { control: Control<Storyboard>; index: number }) {
  const elements = useMentionElements();
  const unknown = useUnknownMentions(index);
  // The mentioned names as one string (`compute`): typing re-renders this list only when a mention comes or goes.
  const names = useWatch({ control, name: MENTION_FIELDS.map((f) => `scenes.${index}.${f}` as const), compute: mentionedKeys });
  const mentioned = new Set(names.split("\n"));
  const shown = elements.filter((e) => mentioned.has(mentionKey(e.name)));
  if (shown.length === 0 && unknown.length === 0) return null;
  return (
    <div className="space-y-2">
      {shown.length ? (
        <div role="group" aria-label={`Scene ${index + 1} mentions`} className="flex flex-wrap gap-1.5">
          {shown.map((e) => (
            <MentionChip key={`${e.kind}:${e.name}`} element={e} />
          ))}
        </div>
      ) : null}
      {unknown.map((name) => (
        <UnknownMention key={name} name={name} sceneIndex={index} elements={elements} />
      ))}
    </div>
  );
}

function MentionChip({ element }: { element: MentionElement }) {
  return (
    <span className="group relative">
      <span tabIndex={0} className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800 ring-1 ring-brand-200">
        {element.name}
      </span>
      <span role="tooltip" className="pointer-events-none absolute bottom-full left-0 z-30 mb-1 hidden w-36 rounded-lg bg-white p-1 shadow-pop ring-1 ring-ink-200 group-focus-within:block group-hover:block">
        {element.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- remote element image
          <img src={element.imageUrl} alt={element.name} className="aspect-square w-full rounded object-cover" />
        ) : (
          <span className="block p-2 text-xs text-ink-500">No image of {element.name} yet</span>
        )}
      </span>
    </span>
  );
}

function UnknownMention({ name, sceneIndex, elements }: { name: string; sceneIndex: number; elements: MentionElement[] }) {
  const { change, getValues, setValue } = useEditorTools();
  const [kind, setKind] = useState<ElementKind>("characters");
  const replace = (to: string) => {
    if (!getValues || !setValue || !to) return;
    change(`Replace ${name} with ${to} in scene ${sceneIndex + 1}`, () => {
      for (const f of MENTION_FIELDS) {
        const path = `scenes.${sceneIndex}.${f}` as const;
        const text = getValues(path) ?? "";
        const next = renameInText(text, name, to);
        if (next !== text) setValue(path, next, { shouldDirty: true });
      }
    });
  };
  const create = () => {
    if (!getValues || !setValue) return;
    change(`Create ${name}`, () => setValue(kind, [...(getValues(kind) ?? []), newElement({ name })], { shouldDirty: true }));
  };
  return (
    <div role="alert" className="flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200">
      <span className="mr-auto">
        <strong>**{name}**</strong> is not an element of this story, so Vimmerse cannot keep it consistent.
      </span>
      <label className="sr-only" htmlFor={`create-kind-${sceneIndex}-${name}`}>
        Kind of element for {name}
      </label>
      <select id={`create-kind-${sceneIndex}-${name}`} value={kind} onChange={(e) => setKind(e.target.value as ElementKind)} className="h-7 rounded-md bg-white px-1 ring-1 ring-amber-300">
        {ELEMENT_KINDS.map((k) => (
          <option key={k} value={k}>
            {k.slice(0, -1)}
          </option>
        ))}
      </select>
      <Button size="sm" variant="secondary" onClick={create}>
        Create element {name}
      </Button>
      {elements.length ? (
        <>
          <label className="sr-only" htmlFor={`replace-${sceneIndex}-${name}`}>
            Replace {name} with
          </label>
          <select
            id={`replace-${sceneIndex}-${name}`}
            value=""
            onChange={(e) => replace(e.target.value)}
            className="h-7 rounded-md bg-white px-1 ring-1 ring-amber-300"
          >
            <option value="">Replace with…</option>
            {elements.map((e) => (
              <option key={`${e.kind}:${e.name}`} value={e.name}>
                {e.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
    </div>
  );
}
