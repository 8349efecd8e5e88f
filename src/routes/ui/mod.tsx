/**
 * The dashboard: GET /ui (sign-in and the project's studies) and GET
 * /ui/studies/{studyId} (one study: history, parallel coordinates, slices,
 * importance, trials, runs and schedules, rankings), server-rendered shells
 * with hono/jsx like the labeling page (../label), and plain JavaScript
 * (./client/*.js, no build step) that draws them from the JSON API.
 *
 * The pages carry no secret and need no key: the script keeps the project key
 * in sessionStorage (typed into the form, never put in a URL) and sends it
 * only as `Authorization: Bearer` to this origin's /v1 routes. Charts are
 * uPlot's, served from its npm package under /ui/assets with a content hash;
 * the CSP allows only the response's nonce on scripts and styles. Outside
 * /v1 and out of the OpenAPI document, like /label.
 */
import { Hono } from "hono";
import type { AppEnv } from "../common.ts";
import { newNonce, page } from "../html.ts";
import { PageHead } from "../page_head.tsx";
import { type Assets, dashboardAssets } from "./assets.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Layout(props: { nonce: string; assets: Assets; title: string; children: unknown }) {
  const { nonce, assets } = props;
  return (
    <html lang="en">
      <head>
        <PageHead title={props.title} />
        <link rel="stylesheet" nonce={nonce} href={assets.uplotStyle.path} />
        <link rel="stylesheet" nonce={nonce} href={assets.style.path} />
      </head>
      <body>
        {props.children}
        <script nonce={nonce} src={assets.uplotScript.path}></script>
        <script nonce={nonce} src={assets.script.path}></script>
      </body>
    </html>
  );
}

function Header(props: { crumb?: string }) {
  return (
    <header class="top">
      <a href="/ui" class="brand">minima</a>
      {props.crumb ? <span class="crumb">{props.crumb}</span> : null}
      <button type="button" id="sign-out" class="link" hidden>sign out</button>
    </header>
  );
}

function SignIn() {
  return (
    <form id="sign-in" autocomplete="off" hidden>
      <label for="key-input">
        Sign in with a project key. It stays in this tab (sessionStorage) and is sent only as an
        Authorization header.
      </label>
      <div class="row">
        {/* No name attribute: the key can never be submitted as a form field. */}
        <input
          id="key-input"
          type="password"
          autocomplete="off"
          spellcheck={false}
          placeholder="mk_…"
          required
        />
        <button type="submit" class="primary">Sign in</button>
      </div>
    </form>
  );
}

function ListPage(props: { nonce: string; assets: Assets }) {
  return (
    <Layout {...props} title="Studies · minima">
      <Header />
      <main id="app" data-view="list">
        <noscript>This dashboard needs JavaScript.</noscript>
        <SignIn />
        <section id="studies" hidden>
          <h1>Studies</h1>
          <table id="study-table" class="cards">
            <thead>
              <tr>
                <th>Name</th>
                <th>Algorithm</th>
                <th>State</th>
                <th>Trials</th>
                <th>Best</th>
                <th>Last activity</th>
              </tr>
            </thead>
            <tbody></tbody>
          </table>
          <p id="study-empty" hidden>No studies yet.</p>
          <p id="study-more" class="note" hidden>The 200 newest studies are shown.</p>
        </section>
        <div id="messages" role="status" aria-live="polite"></div>
      </main>
    </Layout>
  );
}

function Section(props: { id: string; title: string; children?: unknown; note?: string }) {
  return (
    <section id={props.id} class="panel" hidden>
      <h2>{props.title}</h2>
      {props.note ? <p class="note">{props.note}</p> : null}
      {props.children}
    </section>
  );
}

function StudyPage(props: { nonce: string; assets: Assets; studyId: string }) {
  return (
    <Layout nonce={props.nonce} assets={props.assets} title="Study · minima">
      <Header crumb="study" />
      <main id="app" data-view="study" data-study-id={props.studyId}>
        <noscript>This dashboard needs JavaScript.</noscript>
        <SignIn />
        <section id="overview" hidden>
          <h1 id="study-name">…</h1>
          <dl id="study-facts" class="facts"></dl>
          <p class="live">
            <span id="live-dot"></span> <span id="live-text">live</span>
          </p>
        </section>
        <Section id="history" title="Optimisation history">
          <div id="history-chart" class="chart"></div>
        </Section>
        <Section id="parallel" title="Parallel coordinates">
          <div id="parallel-chart" class="chart scroll-x"></div>
        </Section>
        <Section id="slices" title="Slices">
          <div id="slice-charts" class="grid"></div>
        </Section>
        <Section id="importance" title="Parameter importance">
          <p id="importance-note" class="note"></p>
          <ol id="importance-bars" class="bars"></ol>
        </Section>
        <Section id="ranking" title="Rankings">
          <dl id="ranking-facts" class="facts"></dl>
          <div id="xt-chart" class="chart"></div>
        </Section>
        <Section id="runs" title="Runs and schedules">
          <div class="scroll-x">
            <table id="run-table" class="grid-table">
              <thead></thead>
              <tbody></tbody>
            </table>
          </div>
          <div class="scroll-x">
            <table id="schedule-table" class="grid-table">
              <thead></thead>
              <tbody></tbody>
            </table>
          </div>
        </Section>
        <Section id="trials" title="Trials">
          <div class="toolbar">
            <input id="trial-filter" type="search" placeholder="filter…" aria-label="Filter" />
            <select id="trial-state" aria-label="State">
              <option value="">all states</option>
            </select>
            <button type="button" id="export-csv">CSV</button>
            <button type="button" id="export-jsonl">JSONL</button>
          </div>
          <p id="trial-count" class="note"></p>
          <div class="scroll-x">
            <table id="trial-table" class="grid-table">
              <thead></thead>
              <tbody></tbody>
            </table>
          </div>
        </Section>
        <div id="messages" role="status" aria-live="polite"></div>
      </main>
    </Layout>
  );
}

function NotFoundPage(props: { nonce: string; assets: Assets; path: string }) {
  return (
    <Layout {...props} title="Not found · minima">
      <Header />
      <main>
        <h1>Not found</h1>
        <p>
          There is no dashboard page at <code>{props.path}</code>: the study page is{" "}
          <code>/ui/studies/&lt;study id&gt;</code>, where the study id is a UUID.
        </p>
      </main>
    </Layout>
  );
}

/** The dashboard's routes (not in the OpenAPI document, not under /v1). */
export function uiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/ui", async (c) => {
    const nonce = newNonce();
    return page(c, nonce, <ListPage nonce={nonce} assets={await dashboardAssets()} />, 200);
  });
  app.get("/ui/studies/:studyId", async (c) => {
    const studyId = c.req.param("studyId");
    const nonce = newNonce();
    const assets = await dashboardAssets();
    if (!UUID.test(studyId)) {
      return page(c, nonce, <NotFoundPage nonce={nonce} assets={assets} path={c.req.path} />, 404);
    }
    const body = <StudyPage nonce={nonce} assets={assets} studyId={studyId.toLowerCase()} />;
    return page(c, nonce, body, 200);
  });
  app.get("/ui/assets/:name", async (c) => {
    const found = (await dashboardAssets()).byPath.get(c.req.path);
    if (!found) return c.text("not found", 404);
    return c.body(found.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": found.type,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    });
  });
  return app;
}
