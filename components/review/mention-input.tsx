"use client";

import { forwardRef, useId, useState, type KeyboardEvent } from "react";
import { Textarea } from "@/components/ui/input";
import { cn } from "@/lib/cn";

/**
 * A comment box with @name autocomplete (WAI-ARIA combobox with a listbox popup): typing "@" and letters lists the
 * workspace members whose name starts with them; ArrowUp/ArrowDown choose, Enter or Tab inserts, Escape closes.
 */

type Member = { id: string; name: string };

function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0 || (at > 0 && !/\s/.test(before[at - 1]))) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /\n/.test(query)) return null;
  return { start: at, query };
}

export const MentionInput = forwardRef<
  HTMLTextAreaElement,
  { value: string; onChange: (v: string) => void; members: Member[]; label: string; onSubmit?: () => void; rows?: number }
>(function MentionInput({ value, onChange, members, label, onSubmit, rows = 2 }, ref) {
  const placeholder = members.length ? "Write a comment… type @ to mention someone" : "Write a comment…";
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(false);
  const q = mentionQuery(value, caret);
  const options = q && !closed ? members.filter((m) => m.name.toLowerCase().startsWith(q.query.toLowerCase())).slice(0, 6) : [];
  const open = options.length > 0;

  const choose = (m: Member) => {
    if (!q) return;
    const next = `${value.slice(0, q.start)}@${m.name} ${value.slice(caret)}`;
    onChange(next);
    setCaret(q.start + m.name.length + 2);
    setClosed(true);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive((a) => (a + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        choose(options[Math.min(active, options.length - 1)]);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        setClosed(true);
        return;
      }
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && onSubmit) {
      e.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="relative">
      <Textarea
        ref={ref}
        rows={rows}
        aria-label={label}
        placeholder={placeholder}
        aria-autocomplete="list"
        aria-expanded={open ? true : undefined}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart ?? e.target.value.length);
          setClosed(false);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyDown={onKeyDown}
        onBlur={() => setClosed(true)}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Mention a member"
        hidden={!open}
        className="absolute left-0 top-full z-30 mt-1 max-h-48 w-56 overflow-auto rounded-lg bg-white py-1 text-sm shadow-pop ring-1 ring-ink-200"
      >
        {options.map((m, i) => (
          <li
            key={m.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(m);
            }}
            className={cn("cursor-pointer px-3 py-1.5", i === active ? "bg-brand-50 text-brand-800" : "text-ink-700")}
          >
            @{m.name}
          </li>
        ))}
      </ul>
    </div>
  );
});
