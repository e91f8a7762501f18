/**
 * On a phone (below the `lg` breakpoint, where the side navigation is hidden) a bar fixed to the bottom of the screen
 * keeps the production steps and every storyboard section one tap away, however far down the page one is.
 */
const SECTIONS: [string, string][] = [
  ["production", "Production"],
  ["characters", "Characters"],
  ["environments", "Places"],
  ["objects", "Objects"],
  ["scenes", "Scenes"],
  ["music", "Music"],
  ["title-scene", "Title"],
];

export function PhoneSectionNav() {
  // The page keeps room under its last section for the bar (app/globals.css, body:has(.phone-section-nav)).
  // m-0: the editor lays its children out with space-y, whose bottom margin would lift a fixed bar off the edge.
  return (
      <nav
        aria-label="Jump to section"
        data-print-hide
        className="phone-section-nav fixed inset-x-0 bottom-0 z-30 m-0 border-t border-ink-200 bg-white/95 backdrop-blur lg:hidden"
      >
        <ul className="flex gap-1 overflow-x-auto px-2 py-1.5 text-sm [scrollbar-width:none]">
          {SECTIONS.map(([id, label]) => (
            <li key={id} className="shrink-0">
              <a
                href={`#${id}`}
                className="flex h-10 items-center rounded-md px-3 font-medium text-ink-700 hover:bg-ink-100 hover:text-ink-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
  );
}
