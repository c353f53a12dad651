import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, Link, useMatches } from "@remix-run/react";
import stylesheet from "~/styles/app.css";
import { unhydratedPage } from "~/consultations/reader/unhydrated.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { useNonce } from "~/ui/nonce.tsx";

// The site stylesheet is not among the links: Layout puts it in the head, or (a reading page) at the end of the body.
export const links: LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export const meta: MetaFunction = () => [{ title: "Góp ý dự thảo văn kiện" }];

/**
 * A route whose `handle` says `hydrate: false` (the reading pages, ADR 045) is not hydrated: no Remix
 * scripts, only the small script its loader names (`readerScript`), if any. Its first-paint CSS
 * (`readerCss`, ADR 053) is inlined in the head and the full stylesheet linked at the end of the body,
 * where it does not hold back painting the page above it; entry.server.tsx allows that <style> by nonce.
 */
function useUnhydrated() {
  return unhydratedPage(useMatches());
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const unhydrated = useUnhydrated();
  // Inline only with a nonce to allow it by: without one the policy would block it, and the page would wait for the end of the body.
  const firstPaintCss = unhydrated?.css && nonce ? unhydrated.css : null;
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {firstPaintCss ? <style nonce={nonce} dangerouslySetInnerHTML={{ __html: firstPaintCss }} /> : <link rel="stylesheet" href={stylesheet} />}
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#noi-dung">
          Bỏ qua đến nội dung chính
        </a>
        <header className="site-header">
          <Link to="/" className="site-name">
            Góp ý dự thảo văn kiện
          </Link>
          <nav className="site-nav" aria-label="Trang chính">
            <Link to="/tim-kiem">Tìm kiếm</Link>
          </nav>
        </header>
        <main id="noi-dung">{children}</main>
        <footer className="site-footer">
          <p>Ý kiến góp ý được biên tập trước khi đăng. Hãy sử dụng tiếng Việt có dấu.</p>
          <p>
            <a href="/y-kien/khoi-phuc">Lấy lại đường dẫn theo dõi góp ý</a> · <a href="/quyen-rieng-tu">Quyền riêng tư</a>
          </p>
        </footer>
        {firstPaintCss ? <link rel="stylesheet" href={stylesheet} /> : null}
        {unhydrated ? (
          unhydrated.script ? (
            <script type="module" src={unhydrated.script} nonce={nonce} />
          ) : null
        ) : (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
