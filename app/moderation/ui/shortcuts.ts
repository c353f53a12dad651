import { useEffect, type RefObject } from "react";

// Keyboard shortcuts of the moderation queue. They act on the focused item by pressing its own
// buttons, so a shortcut does exactly what the button does (and nothing when the button is absent).

export const SHORTCUTS = [
  { keys: "j / ↓", label: "Ý kiến tiếp theo" },
  { keys: "k / ↑", label: "Ý kiến trước" },
  { keys: "a", label: "Duyệt ý kiến đang chọn" },
  { keys: "r", label: "Từ chối: mở danh sách lý do" },
  { keys: "e", label: "Biên tập rồi duyệt" },
  { keys: "c", label: "Nhận xử lý" },
  { keys: "x", label: "Chọn / bỏ chọn để xử lý hàng loạt" },
  { keys: "Esc", label: "Đóng ô đang mở, quay lại ý kiến" },
] as const;

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

export function useQueueShortcuts(list: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const items = () => [...(list.current?.querySelectorAll<HTMLElement>("[data-queue-item]:not(.decided)") ?? [])];
    const current = () => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>("[data-queue-item]") ?? null;
    const move = (step: number) => {
      const all = items();
      if (!all.length) return;
      const at = all.indexOf(current() as HTMLElement);
      const next = all[at === -1 ? 0 : Math.min(all.length - 1, Math.max(0, at + step))]!;
      next.focus();
      next.scrollIntoView({ block: "nearest" });
    };
    const openPanel = (item: HTMLElement, name: string, focus: string) => {
      const panel = item.querySelector<HTMLDetailsElement>(`details[data-panel="${name}"]`);
      if (!panel) return;
      panel.open = true;
      panel.querySelector<HTMLElement>(focus)?.focus();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement;
      if (event.key === "Escape") {
        const item = target.closest<HTMLElement>("[data-queue-item]");
        if (!item) return;
        item.querySelectorAll("details[data-panel]").forEach((d) => ((d as HTMLDetailsElement).open = false));
        item.focus();
        return;
      }
      if (TYPING.has(target.tagName) || target.isContentEditable) return;
      const item = current();
      switch (event.key) {
        case "j":
        case "ArrowDown":
          move(1);
          break;
        case "k":
        case "ArrowUp":
          move(-1);
          break;
        case "a":
          if (!item) return;
          // The decision's form moves focus on to the next item while it is sent (queue.tsx).
          item.querySelector<HTMLButtonElement>('button[data-action="approve"]')?.click();
          break;
        case "c":
          item?.querySelector<HTMLButtonElement>('button[data-action="claim"]')?.click();
          break;
        case "r":
          if (item) openPanel(item, "reject", "select");
          break;
        case "e":
          if (item) openPanel(item, "edit", "textarea");
          break;
        case "x": {
          const box = item?.querySelector<HTMLInputElement>("input[data-select]");
          if (box) box.checked = !box.checked;
          break;
        }
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [list]);
}
