import { Link } from "@remix-run/react";

/** "← Trang trước · Trang 2 / 5 · Trang sau →" as links (works without JavaScript); nothing for one page. */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages < 2) return null;
  return (
    <nav className="pagination" aria-label="Trang">
      {page > 1 ? <Link to={href(page - 1)}>← Trang trước</Link> : <span />}
      <span>
        Trang {page} / {pages}
      </span>
      {page < pages ? <Link to={href(page + 1)}>Trang sau →</Link> : <span />}
    </nav>
  );
}
