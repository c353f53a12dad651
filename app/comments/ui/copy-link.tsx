import { useRef, useState } from "react";

/**
 * The private link, and (`withButton`: the page's scripts run) a button that copies it. Pages served over plain
 * HTTP have no Clipboard API: there the link is selected and copied the older way, or left selected
 * for the person to copy.
 */
export function CopyLink({ link, withButton }: { link: string; withButton: boolean }) {
  const box = useRef<HTMLParagraphElement>(null);
  const [said, setSaid] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setSaid("Đã sao chép đường dẫn.");
    } catch {
      const range = document.createRange();
      range.selectNodeContents(box.current!);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      const copied = typeof document.execCommand === "function" && document.execCommand("copy");
      setSaid(copied ? "Đã sao chép đường dẫn." : "Đường dẫn đã được chọn: hãy sao chép nó.");
    }
  }

  return (
    <>
      <p ref={box} className="link-box">
        {link}
      </p>
      {withButton ? (
        <p className="copy-link">
          <button type="button" className="secondary" onClick={copy}>
            Sao chép đường dẫn
          </button>{" "}
          <span role="status">{said}</span>
        </p>
      ) : null}
    </>
  );
}
