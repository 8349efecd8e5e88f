/**
 * The labeling page: GET /label/{studyId}, server-rendered HTML with an inline
 * script (./client/*.js concatenated in order, plain JavaScript, no build
 * step) that fetches the study's comparisons through the comparisons API and
 * lets a person rank them by clicking, dragging or with the keyboard. The study's title and prompt
 * (`labeling.title`, `labeling.prompt`) arrive with the comparisons, for
 * labelers only, and are shown as text; touch screens get no key hints.
 *
 * The page carries no secret: the labeler's token arrives in the URL fragment
 * (`#token=…`, which browsers never send to the server) or is typed into the
 * form; the script keeps it in sessionStorage, clears the fragment, and sends
 * it only as an `Authorization` header to this origin's /v1 routes. The route
 * is outside /v1 (no bearer auth) and, being HTML rather than API, is left out
 * of the OpenAPI document (a plain `get`, like the docs' assets).
 */
import { Hono } from "hono";
import { raw } from "hono/html";
import type { AppEnv } from "../common.ts";
import { newNonce, page, readPageFiles } from "../html.ts";
import { PageHead } from "../page_head.tsx";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page's script files, concatenated in this order (each an IIFE on `minimaLabel`). */
const CLIENT_FILES = [
  "state.js",
  "api.js",
  "view.js",
  "ranking.js",
  "cards.js",
  "input.js",
  "answers.js",
  "main.js",
];

let assets: { script: string; style: string } | undefined;

/** The page's script and style sheet, read once from beside this module. */
function pageAssets(): { script: string; style: string } {
  return assets ??= {
    script: readPageFiles(new URL("./client/", import.meta.url), CLIENT_FILES),
    style: readPageFiles(new URL("./", import.meta.url), ["style.css"]),
  };
}

function Layout(props: { nonce: string; title: string; children: unknown }) {
  return (
    <html lang="en">
      <head>
        <PageHead title={props.title} />
        <style nonce={props.nonce}>{raw(pageAssets().style)}</style>
      </head>
      <body>{props.children}</body>
    </html>
  );
}

function LabelPage(props: { nonce: string; studyId: string }) {
  return (
    <Layout nonce={props.nonce} title="Rank candidates · minima">
      <main id="app" data-study-id={props.studyId}>
        <header>
          {/* The study's title and prompt (plain text) come with the first comparison. */}
          <h1 id="title">Rank candidates</h1>
          <span class="study">
            study <code>{props.studyId}</code>{" "}
            <button type="button" id="forget" class="link" hidden>forget token</button>
          </span>
        </header>
        <noscript>
          <p>This page needs JavaScript to fetch and rank comparisons.</p>
        </noscript>
        <form id="token-form" autocomplete="off" hidden>
          <label for="token-input">
            Paste your labeler token (or open the link you were given, which carries it after
            <code>#token=</code>).
          </label>
          <div class="row">
            {/* No name attribute: the token can never be submitted as a form field. */}
            <input
              id="token-input"
              type="password"
              autocomplete="off"
              spellcheck={false}
              placeholder="mk_…"
              required
            />
            <button type="submit" class="primary">Start</button>
          </div>
        </form>
        <section id="labeling" aria-label="Comparison" hidden>
          <p id="prompt" hidden></p>
          <div class="status">
            <span id="progress" aria-live="polite">…</span>
            <span id="instructions"></span>
          </div>
          <ol id="candidates" aria-label="Candidates"></ol>
          <div class="order-row">
            <span class="label">Your ranking:</span>
            <ol id="order" aria-label="Your ranking, best first"></ol>
            <span id="order-hint">none picked yet</span>
          </div>
          <div class="actions">
            <button type="button" id="submit" class="primary" disabled>
              Submit <kbd>Enter</kbd>
            </button>
            <button type="button" id="skip" disabled>
              Skip <kbd>S</kbd>
            </button>
            <button type="button" id="undo" disabled>
              Undo <kbd>U</kbd>
            </button>
          </div>
        </section>
        <div id="messages" role="status" aria-live="polite"></div>
        <p class="keys" id="keys">
          Keys: <kbd>1</kbd>–<kbd>9</kbd>{" "}
          pick the candidate in that position as the next rank (again to remove it) ·{" "}
          <kbd>Backspace</kbd> remove the last pick · <kbd>Esc</kbd> clear · <kbd>Enter</kbd>{" "}
          submit · <kbd>S</kbd> skip · <kbd>U</kbd>{" "}
          undo the last answer. Click or tap to pick; drag a candidate onto another to take its
          place.
        </p>
      </main>
      <script nonce={props.nonce}>{raw(pageAssets().script)}</script>
    </Layout>
  );
}

function NotFoundPage(props: { nonce: string; path: string }) {
  return (
    <Layout nonce={props.nonce} title="Not found · minima">
      <main>
        <h1>Not found</h1>
        <p>
          There is no labeling page at <code>{props.path}</code>: the address is{" "}
          <code>/label/&lt;study id&gt;</code>, where the study id is a UUID.
        </p>
      </main>
    </Layout>
  );
}

/** The labeling page's routes (not in the OpenAPI document, not under /v1). */
export function labelRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/label/:studyId", (c) => {
    const studyId = c.req.param("studyId");
    const nonce = newNonce();
    if (!UUID.test(studyId)) {
      return page(c, nonce, <NotFoundPage nonce={nonce} path={c.req.path} />, 404);
    }
    return page(c, nonce, <LabelPage nonce={nonce} studyId={studyId.toLowerCase()} />, 200);
  });
  return app;
}
