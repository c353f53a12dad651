import { Link, useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { VERSION_LABELS, withCount } from "../labels.ts";
import { MAX_QUERY_LENGTH, SEARCH_PATH, searchHref, type SearchParams } from "../query.ts";
import type { FilterOption, SearchPageData } from "../search-page.server.ts";

// The search form: a plain GET form that works without JavaScript. With it, empty fields are left
// out of the address. Nothing searches on a mere change: arrow keys change a select one option at a
// time, and a search on each would take the keyboard user's place away (the facet links are the
// one-click way).

/** The form's values without the empty ones: /tim-kiem?q=…&stance=AGREE rather than a row of "&x=". */
function filledValues(form: HTMLFormElement): URLSearchParams {
  const values = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === "string" && value.trim() !== "") values.append(name, value);
  return values;
}

function Select({ name, label, value, options, all }: { name: string; label: string; value: string | undefined; options: FilterOption[]; all: string }) {
  const id = `search-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {withCount(o.label, o.count, o.atLeast)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** How many filters are set (the query and the page aside). */
export function activeFilters(p: SearchParams): number {
  return [p.consultation, p.section, p.kind, p.version, p.stance, p.province, p.commune, p.organization, p.from, p.to].filter(Boolean).length + p.status.length;
}

export function SearchForm({ params, options, viewer }: Pick<SearchPageData, "params" | "options" | "viewer">) {
  const submit = useSubmit();

  // A section belongs to one draft, a commune to one province: they go when their parent changes.
  function onChange(event: FormEvent<HTMLFormElement>) {
    const name = (event.target as HTMLInputElement | HTMLSelectElement).name;
    const dependent = name === "consultation" ? "section" : name === "province" ? "commune" : null;
    const child = dependent ? event.currentTarget.elements.namedItem(dependent) : null;
    if (child instanceof HTMLSelectElement) child.value = "";
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(filledValues(event.currentTarget), { method: "get", action: SEARCH_PATH });
  }

  const active = activeFilters(params);
  // Keyed on the address so that the fields show what was searched after each navigation.
  const key = searchHref(params);
  return (
    <form key={key} role="search" method="get" action={SEARCH_PATH} className="search-form" onChange={onChange} onSubmit={onSubmit}>
      <div className="field search-box">
        <label htmlFor="search-q">Từ khóa</label>
        <div className="search-row">
          <input id="search-q" type="search" name="q" defaultValue={params.q} maxLength={MAX_QUERY_LENGTH} aria-describedby="search-q-hint" />
          <button type="submit" className="primary">
            Tìm kiếm
          </button>
        </div>
        <p id="search-q-hint" className="hint">
          Gõ có dấu hoặc không dấu đều được. Đặt cụm từ trong dấu ngoặc kép, ví dụ "chuyển đổi số", để tìm đúng cụm từ đó.
        </p>
      </div>

      <details className="search-filters" open={active > 0}>
        <summary>Bộ lọc{active > 0 ? ` (đang áp dụng ${active})` : ""}</summary>
        <div className="search-filter-grid">
          <Select name="consultation" label="Dự thảo" value={params.consultation} options={options.consultations} all="Tất cả các dự thảo" />
          {params.consultation && options.sections.length > 0 ? (
            <Select name="section" label="Phần, chương, mục" value={params.section} options={options.sections} all="Tất cả các phần" />
          ) : null}
          <Select name="kind" label="Loại kết quả" value={params.kind} options={options.kinds} all="Văn bản và ý kiến" />
          <Select name="version" label="Phiên bản dự thảo" value={params.version} options={options.versions} all={VERSION_LABELS.all} />
          <Select name="stance" label="Quan điểm" value={params.stance} options={options.stances} all="Mọi quan điểm" />
          <Select name="province" label="Tỉnh, thành phố" value={params.province} options={options.provinces} all="Tất cả các tỉnh, thành phố" />
          {params.province ? <Select name="commune" label="Xã, phường" value={params.commune} options={options.communes} all="Tất cả các xã, phường" /> : null}
          {options.organizations.length > 0 ? (
            <Select name="organization" label="Tổ chức" value={params.organization} options={options.organizations} all="Tất cả các tổ chức" />
          ) : null}
          <div className="field">
            <label htmlFor="search-from">Từ ngày</label>
            <input id="search-from" type="date" name="from" defaultValue={params.from ?? ""} aria-describedby="search-date-hint" />
          </div>
          <div className="field">
            <label htmlFor="search-to">Đến ngày</label>
            <input id="search-to" type="date" name="to" defaultValue={params.to ?? ""} aria-describedby="search-date-hint" />
          </div>
          <p id="search-date-hint" className="hint search-date-hint">
            Ngày gửi ý kiến hoặc ngày công bố văn bản, dạng dd/mm/yyyy.
          </p>
          {viewer.seesAllStatuses ? (
            <fieldset className="search-statuses">
              <legend>Trạng thái ý kiến</legend>
              {options.statuses.map((o) => (
                <label key={o.value} className="choice">
                  <input type="checkbox" name="status" value={o.value} defaultChecked={params.status.includes(o.value as SearchParams["status"][number])} />
                  {withCount(o.label, o.count, o.atLeast)}
                </label>
              ))}
              <p className="hint">Không chọn trạng thái nào: tìm cả ba.</p>
            </fieldset>
          ) : null}
        </div>
        <p className="actions">
          <button type="submit" className="secondary">
            Áp dụng bộ lọc
          </button>
          {active > 0 ? <Link to={searchHref({ q: params.q, status: [], page: 1 })}>Bỏ tất cả bộ lọc</Link> : null}
        </p>
      </details>
    </form>
  );
}
