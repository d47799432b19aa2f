import Markdown from "react-markdown";

// Tailwind resets element styles; these give rendered Markdown its headings, lists and code back.
const PROSE =
  "space-y-2 text-sm text-slate-700 [&_a]:text-sky-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 " +
  "[&_code]:px-1 [&_code]:font-mono [&_code]:text-xs [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:font-semibold " +
  "[&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-50 " +
  "[&_pre]:p-2 [&_ul]:list-disc [&_ul]:pl-5 [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_blockquote]:text-slate-500";

/**
 * User-written Markdown (a model's description). react-markdown builds React elements and never
 * passes raw HTML through, and its default URL filter drops `javascript:` and other unsafe links.
 */
export function MarkdownText({ text }: { text: string }) {
  return (
    <div className={PROSE} data-testid="markdown">
      <Markdown
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {children}
            </a>
          ),
        }}
      >
        {text}
      </Markdown>
    </div>
  );
}
