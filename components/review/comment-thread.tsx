"use client";

import { formatDistanceToNow } from "date-fns";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { MentionInput } from "./mention-input";

/** One thread (a scene's, the cast item's or the whole story's): comments, a composer, edit/delete own, resolve. */

export type ThreadComment = {
  id: string;
  author: string;
  isGuest: boolean;
  mine: boolean;
  body: string;
  resolved: boolean;
  edited: boolean;
  at: string;
};

export type ThreadApi = {
  add: (body: string) => Promise<boolean>;
  edit?: (id: string, body: string) => Promise<boolean>;
  remove?: (id: string) => Promise<boolean>;
  resolve?: (id: string, resolved: boolean) => Promise<boolean>;
  members: { id: string; name: string }[];
  canComment: boolean;
};

function Body({ text, members }: { text: string; members: { name: string }[] }) {
  // @Name of a member is shown as a mention.
  const names = members.map((m) => m.name).filter(Boolean).sort((a, b) => b.length - a.length);
  if (names.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(@(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")}))`, "gi");
  return (
    <>
      {text.split(pattern).map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="rounded bg-brand-50 px-0.5 font-medium text-brand-800">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function CommentThread({ label, comments, api }: { label: string; comments: ThreadComment[]; api: ThreadApi }) {
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const send = async () => {
    if (!draft.trim() || busy) return;
    setBusy(true);
    if (await api.add(draft)) setDraft("");
    setBusy(false);
  };
  return (
    <div className="space-y-2">
      {comments.length === 0 ? <p className="text-xs text-ink-500">No comments yet.</p> : null}
      <ul className="space-y-2" aria-label={`Comments on ${label}`}>
        {comments.map((c) => (
          <li key={c.id} className={cn("rounded-lg px-3 py-2 text-sm ring-1", c.resolved ? "bg-ink-50 text-ink-500 ring-ink-100" : "bg-white ring-ink-200")} aria-label={`Comment by ${c.author}`}>
            <div className="flex flex-wrap items-center gap-x-2 text-xs text-ink-500">
              <span className="font-medium text-ink-800">{c.author}</span>
              {c.isGuest ? <span>(guest)</span> : null}
              <time dateTime={c.at}>{formatDistanceToNow(new Date(c.at), { addSuffix: true })}</time>
              {c.edited ? <span>· edited</span> : null}
              {c.resolved ? <span className="font-medium text-emerald-700">· resolved</span> : null}
            </div>
            {editing?.id === c.id ? (
              <div className="mt-1 space-y-1">
                <MentionInput value={editing.body} onChange={(body) => setEditing({ id: c.id, body })} members={api.members} label="Edit comment" />
                <div className="flex gap-2">
                  <Button size="sm" onClick={async () => { if (api.edit && (await api.edit(c.id, editing.body))) setEditing(null); }}>
                    Save comment
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setEditing(null)}>
                    Cancel
                  </Button>
                </div>
              </div>
            ) : (
              <p className={cn("mt-0.5 whitespace-pre-wrap break-words", c.resolved && "line-through decoration-ink-300")}>
                <Body text={c.body} members={api.members} />
              </p>
            )}
            <div className="mt-1 flex flex-wrap gap-1">
              {api.resolve ? (
                <Button size="sm" variant="ghost" className="h-7 px-2 text-xs" onClick={() => void api.resolve!(c.id, !c.resolved)}>
                  {c.resolved ? "Reopen" : "Resolve"}
                </Button>
              ) : null}
              {c.mine && api.edit && editing?.id !== c.id ? (
                <Button size="sm" variant="ghost" className="h-7 px-2 text-xs" onClick={() => setEditing({ id: c.id, body: c.body })}>
                  Edit
                </Button>
              ) : null}
              {c.mine && api.remove ? (
                <Button size="sm" variant="ghost" className="h-7 px-2 text-xs text-red-700" onClick={() => void api.remove!(c.id)}>
                  Delete
                </Button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {api.canComment ? (
        <form
          className="space-y-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <MentionInput value={draft} onChange={setDraft} members={api.members} label={`Comment on ${label}`} onSubmit={() => void send()} />
          <Button type="submit" size="sm" variant="secondary" loading={busy} disabled={!draft.trim()}>
            Add comment
          </Button>
        </form>
      ) : null}
    </div>
  );
}
