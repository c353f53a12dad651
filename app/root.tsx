import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, Link, useMatches } from "@remix-run/react";
import stylesheet from "~/styles/app.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { useNonce } from "~/ui/nonce.tsx";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: stylesheet },
];

export const meta: MetaFunction = () => [{ title: "Góp ý dự thảo văn kiện" }];

/**
 * A route whose `handle` says `hydrate: false` (the reading pages, ADR 045) is not hydrated: no Remix
 * scripts, only the small script its loader names (`readerScript`), if any.
 */
function useUnhydrated(): { script: string | null } | null {
  const match = useMatches().find((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
  if (!match) return null;
  return { script: (match.data as { readerScript?: string | null } | undefined)?.readerScript ?? null };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const unhydrated = useUnhydrated();
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
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
