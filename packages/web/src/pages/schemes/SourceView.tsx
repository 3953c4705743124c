/** A scheme's text with line numbers, the lines that have problems marked, and a line to scroll to. */
import { theme } from "antd";
import { useEffect, useRef } from "react";

export interface SourceViewProps {
  source: string;
  /** The lines to mark (1-based). */
  marked: ReadonlySet<number>;
  /** The line to bring into view, when one is chosen. */
  focus?: number | null;
  label: string;
}

const LINE_HEIGHT = 20;

export default function SourceView({ source, marked, focus, label }: SourceViewProps) {
  const { token } = theme.useToken();
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focus === null || focus === undefined || box.current === null) return;
    box.current.scrollTop = Math.max(0, (focus - 4) * LINE_HEIGHT);
  }, [focus]);
  const lines = source.split(/\r?\n/);
  const width = String(lines.length).length + 1;
  return (
    <section
      ref={box}
      aria-label={label}
      style={{
        maxHeight: 420,
        overflow: "auto",
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
        fontSize: 12,
        lineHeight: `${LINE_HEIGHT}px`,
        background: token.colorFillQuaternary,
      }}
    >
      {lines.map((text, i) => {
        const n = i + 1;
        const bad = marked.has(n);
        return (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: a line is identified by its number
            key={i}
            data-line={n}
            data-marked={bad || undefined}
            style={{
              display: "flex",
              whiteSpace: "pre",
              background: bad ? token.colorErrorBg : n === focus ? token.colorWarningBg : undefined,
            }}
          >
            <span
              style={{
                flex: `0 0 ${width + 1}ch`,
                textAlign: "right",
                paddingRight: 8,
                color: bad ? token.colorError : token.colorTextQuaternary,
                userSelect: "none",
                fontWeight: bad ? 600 : undefined,
              }}
            >
              {n}
            </span>
            <span>{text === "" ? " " : text}</span>
          </div>
        );
      })}
    </section>
  );
}
