import { Editor, getHTMLFromFragment, type JSONContent } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from "react";
import { Autosave, SaveFailure, statusText, type AutosaveState, type SaveAnswer } from "./autosave";
import { BLOCK_CHOICES, currentBlockChoice, setBlockChoice, toggleList, type BlockChoice } from "./block-kinds";
import { editorExtensions } from "./extensions";
import { downloadFile, dropUnsaved, keepUnsaved, readUnsaved, unsavedCopyFile, type UnsavedCopy } from "./unsaved-copy";

// The working copy in tiptap, mounted after the page has loaded (before that, and without JavaScript,
// the page shows the same text read-only). Saves by itself (autosave.ts); the toolbar is one tab stop,
// arrows move inside it (the WAI-ARIA toolbar pattern), every button has a Vietnamese name and the
// toggles say their state with aria-pressed.

export interface DraftEditorHandle {
  /** Saves what is not saved yet; says whether everything is saved and at which revision. */
  flush(): Promise<{ saved: boolean; revision: number; message: string }>;
}

export interface DraftEditorProps {
  versionId: string;
  revision: number;
  title: string;
  contentJson: string;
  readOnlyHtml: string;
  saveUrl: string;
  csrfToken: string;
  /** The file import, offered when the editor cannot run. */
  importPath: string;
  handle?: Ref<DraftEditorHandle>;
}

/** Bodies up to this size may still be sent while the page closes (browsers cap keepalive requests at 64 KB). */
const KEEPALIVE_MAX_CHARS = 60_000;
const EDITOR_ID = "ban-lam-viec-noi-dung";
const SHORTCUTS_ID = "ban-lam-viec-phim-tat";

interface ToolbarState {
  block: BlockChoice | null;
  bulletList: boolean;
  orderedList: boolean;
  bold: boolean;
  italic: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

function readToolbar(editor: Editor): ToolbarState {
  return {
    block: currentBlockChoice(editor.state),
    bulletList: editor.isActive("bulletList"),
    orderedList: editor.isActive("orderedList"),
    bold: editor.isActive("bold"),
    italic: editor.isActive("italic"),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  };
}

async function postSave(url: string, fields: Record<string, string>, keepalive = false): Promise<SaveAnswer> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  const response = await fetch(url, { method: "POST", body, headers: { accept: "application/json" }, redirect: "manual", keepalive });
  if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
    throw new SaveFailure("Chưa lưu được: phiên đăng nhập đã hết. Hãy đăng nhập lại ở một thẻ khác rồi quay lại đây (trang sẽ tự thử lưu lại).");
  }
  if ((response.headers.get("content-type") ?? "").includes("application/json")) {
    const answer = (await response.json()) as SaveAnswer;
    if (answer && typeof answer.status === "string") return answer;
  }
  const text = (await response.text()).trim().slice(0, 300);
  throw new SaveFailure(`Chưa lưu được (mã ${response.status})${text ? `: ${text}` : "."} Trang sẽ tự thử lưu lại.`);
}

const storage = () => (typeof window === "undefined" ? undefined : window.localStorage);
const keptAtText = (ms: number) =>
  new Date(ms).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit" });

export function DraftEditor(props: DraftEditorProps) {
  const { versionId, saveUrl, csrfToken, title } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const autosaveRef = useRef<Autosave | null>(null);
  const [mounted, setMounted] = useState(false);
  const [state, setState] = useState<AutosaveState>({ kind: "clean", message: null });
  const [toolbar, setToolbar] = useState<ToolbarState | null>(null);
  const [leftover, setLeftover] = useState<UnsavedCopy | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);

  useImperativeHandle(props.handle, () => ({
    async flush() {
      const autosave = autosaveRef.current;
      if (!autosave) return { saved: true, revision: props.revision, message: "" };
      const after = await autosave.flush();
      return { saved: !autosave.unsaved, revision: autosave.revision, message: statusText(after) };
    },
  }));

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const focusToolbar = () => toolbarRef.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus();
    const loaded = JSON.parse(props.contentJson) as JSONContent;
    const editor = new Editor({
      element: host,
      extensions: editorExtensions({ focusToolbar }),
      content: loaded,
      // The page's CSP allows no inline <style>: editor.css has the rules tiptap would inject.
      injectCSS: false,
      // "1. " and "- " start clauses and indents in Vietnamese drafts: typing them must not make lists.
      enableInputRules: false,
      enablePasteRules: false,
      editorProps: {
        attributes: {
          id: EDITOR_ID,
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": "Nội dung bản làm việc",
          "aria-describedby": SHORTCUTS_ID,
          lang: "vi",
          spellcheck: "false",
          class: "draft-editor-content document-body",
        },
      },
    });
    const current = () => JSON.stringify(editor.getJSON());
    const fields = (baseRevision: number, document: string) => ({ csrf: csrfToken, versionId, baseRevision: String(baseRevision), document });
    const keep = () => keepUnsaved(storage(), versionId, { revision: autosave.revision, keptAt: Date.now(), doc: editor.getJSON() });
    const autosave = new Autosave({
      revision: props.revision,
      send: (baseRevision) => postSave(saveUrl, fields(baseRevision, current())),
      onState(next) {
        setState(next);
        if (next.kind === "stopped" || next.kind === "failed") keep();
        else if (next.kind === "clean" && !autosave.unsaved) dropUnsaved(storage(), versionId);
      },
    });
    editorRef.current = editor;
    autosaveRef.current = autosave;

    const kept = readUnsaved(storage(), versionId);
    if (kept && JSON.stringify(kept.doc) === JSON.stringify(editor.getJSON())) dropUnsaved(storage(), versionId);
    else if (kept) setLeftover(kept);

    editor.on("update", () => autosave.changed());
    editor.on("transaction", () => setToolbar(readToolbar(editor)));
    editor.on("blur", () => void autosave.flush());
    const onHidden = () => {
      if (document.visibilityState === "hidden") void autosave.flush();
    };
    const onPageHide = () => {
      if (!autosave.unsaved) return;
      keep();
      const document = current();
      if (!autosave.stopped && document.length <= KEEPALIVE_MAX_CHARS) void postSave(saveUrl, fields(autosave.revision, document), true).catch(() => undefined);
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!autosave.unsaved) return;
      event.preventDefault();
      event.returnValue = "";
    };
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("beforeunload", onBeforeUnload);
    setToolbar(readToolbar(editor));
    setMounted(true);
    return () => {
      document.removeEventListener("visibilitychange", onHidden);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("beforeunload", onBeforeUnload);
      editor.destroy();
      editorRef.current = null;
      autosaveRef.current = null;
    };
    // Mounted once per working copy (the route keys this component by version).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const run = (action: (editor: Editor) => void) => () => {
    const editor = editorRef.current;
    if (editor) action(editor);
  };
  const buttons: { label: string; title: string; pressed?: boolean; disabled?: boolean; onClick: () => void; group: string; keys?: string }[] = [
    ...BLOCK_CHOICES.map((choice) => ({
      group: "block",
      label: choice.label,
      title: choice.hint,
      keys: choice.keys,
      pressed: toolbar?.block === choice.value,
      onClick: run((editor) => {
        editor
          .chain()
          .focus()
          .command(({ state, dispatch }) => setBlockChoice(choice.value)(state, dispatch))
          .run();
      }),
    })),
    {
      group: "list",
      label: "Gạch đầu dòng",
      title: "Danh sách gạch đầu dòng",
      pressed: toolbar?.bulletList,
      onClick: run((editor) => toggleList(editor, "bulletList")),
    },
    {
      group: "list",
      label: "Đánh số",
      title: "Danh sách đánh số 1, 2, 3",
      pressed: toolbar?.orderedList,
      onClick: run((editor) => toggleList(editor, "orderedList")),
    },
    {
      group: "mark",
      label: "Đậm",
      title: "In đậm (Ctrl+B)",
      keys: "Mod-B",
      pressed: toolbar?.bold,
      onClick: run((editor) => editor.chain().focus().toggleBold().run()),
    },
    {
      group: "mark",
      label: "Nghiêng",
      title: "In nghiêng (Ctrl+I)",
      keys: "Mod-I",
      pressed: toolbar?.italic,
      onClick: run((editor) => editor.chain().focus().toggleItalic().run()),
    },
    {
      group: "history",
      label: "Hoàn tác",
      title: "Hoàn tác (Ctrl+Z)",
      keys: "Mod-Z",
      disabled: !toolbar?.canUndo,
      onClick: run((editor) => editor.chain().focus().undo().run()),
    },
    {
      group: "history",
      label: "Làm lại",
      title: "Làm lại (Ctrl+Shift+Z)",
      keys: "Mod-Shift-Z",
      disabled: !toolbar?.canRedo,
      onClick: run((editor) => editor.chain().focus().redo().run()),
    },
  ];

  const moveFocus = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, (i: number) => number> = {
      ArrowRight: (i) => (i + 1) % buttons.length,
      ArrowLeft: (i) => (i - 1 + buttons.length) % buttons.length,
      Home: () => 0,
      End: () => buttons.length - 1,
    };
    const next = keys[event.key];
    if (!next) return;
    event.preventDefault();
    const index = next(focusIndex);
    setFocusIndex(index);
    toolbarRef.current?.querySelectorAll<HTMLButtonElement>("button")[index]?.focus();
  };

  const downloadMine = (doc: JSONContent | null, keptAt: number) => {
    const editor = editorRef.current;
    if (!editor) return;
    const html = doc ? getHTMLFromFragment(Node.fromJSON(editor.schema, doc).content, editor.schema) : editor.getHTML();
    const file = unsavedCopyFile(title, html, new Date(keptAt));
    downloadFile(file.name, file.html);
  };

  const stopped = state.kind === "stopped" ? state : null;
  return (
    <div className="draft-editor">
      {mounted ? null : (
        // Not in <noscript>: it also stays when the scripts did not load. Gone once the editor is on the page.
        <p className="warning">
          Trình soạn thảo cần JavaScript. Nếu thông báo này không tự mất đi, trình duyệt đang tắt JavaScript hoặc chưa tải được trình soạn thảo: dưới đây chỉ là
          bản để đọc. Để thay nội dung khi không có JavaScript, hãy <a href={props.importPath}>nhập bản dự thảo từ tệp</a> (.docx, Markdown hoặc văn bản thuần).
        </p>
      )}
      {mounted ? (
        <>
          <div ref={toolbarRef} role="toolbar" aria-label="Định dạng bản làm việc" aria-controls={EDITOR_ID} className="draft-toolbar" onKeyDown={moveFocus}>
            {buttons.map((button, i) => (
              <button
                key={button.label}
                type="button"
                className={`tool tool-${button.group}${i > 0 && buttons[i - 1].group !== button.group ? " tool-group-start" : ""}`}
                tabIndex={i === focusIndex ? 0 : -1}
                aria-pressed={button.pressed === undefined ? undefined : button.pressed}
                aria-disabled={button.disabled || undefined}
                aria-keyshortcuts={button.keys?.replace("Mod", "Control")}
                title={button.title}
                onFocus={() => setFocusIndex(i)}
                // Keeps the editor's selection when a button is clicked.
                onMouseDown={(event) => event.preventDefault()}
                onClick={button.disabled ? undefined : button.onClick}
              >
                {button.label}
              </button>
            ))}
          </div>
          <p id={SHORTCUTS_ID} className="hint">
            Phím tắt: Ctrl+Alt+0 đoạn văn, Ctrl+Alt+1 đến 4 Phần, Chương, Mục, Điều, Ctrl+Alt+5 tiêu đề khác, Ctrl+B đậm, Ctrl+I nghiêng, Alt+F10 về thanh công
            cụ. Bản làm việc tự lưu khi bạn ngừng gõ.
          </p>
        </>
      ) : null}
      <p className="draft-save-status" role="status" aria-live="polite">
        {mounted ? statusText(state) : ""}
      </p>
      {stopped ? (
        <div className="form-error draft-conflict" role="alert">
          <p>{stopped.message}</p>
          <p className="actions">
            <button type="button" className="secondary" onClick={() => downloadMine(null, Date.now())}>
              Tải về bản của bạn (.html)
            </button>
            <a href={typeof window === "undefined" ? "" : window.location.pathname}>Tải lại trang để xem bản mới</a>
          </p>
          <p className="hint">Trình duyệt này cũng giữ bản của bạn: sau khi tải lại trang, trang sẽ đề nghị tải nó về.</p>
        </div>
      ) : null}
      {leftover ? (
        <div className="warning draft-leftover" role="region" aria-label="Phần sửa chưa lưu">
          <p>
            Trình duyệt này còn giữ phần sửa chưa lưu lúc {keptAtText(leftover.keptAt)} (sửa từ lần lưu thứ {leftover.revision}
            {leftover.revision === props.revision ? ", chưa ai lưu đè lên" : `; bản làm việc đã được lưu ${props.revision - leftover.revision} lần sau đó`}).
          </p>
          <p className="actions">
            {leftover.revision === props.revision ? (
              <button
                type="button"
                className="primary"
                onClick={() => {
                  editorRef.current?.commands.setContent(leftover.doc, { emitUpdate: true });
                  setLeftover(null);
                }}
              >
                Tiếp tục với phần chưa lưu
              </button>
            ) : null}
            <button type="button" className="secondary" onClick={() => downloadMine(leftover.doc, leftover.keptAt)}>
              Tải về phần chưa lưu (.html)
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                dropUnsaved(storage(), versionId);
                setLeftover(null);
              }}
            >
              Bỏ phần chưa lưu
            </button>
          </p>
        </div>
      ) : null}
      <div ref={hostRef} className="draft-editor-host" hidden={!mounted} />
      {mounted ? null : (
        <div
          className="document-body draft-read-only"
          aria-label="Bản làm việc (chỉ đọc)"
          role="region"
          dangerouslySetInnerHTML={{ __html: props.readOnlyHtml }}
        />
      )}
    </div>
  );
}
