/**
 * The project's Markdown (README.md, docs/, clients' READMEs) links only to
 * itself: a reader of a clone, offline or on a machine that reaches nothing
 * else, can follow every link. Each relative link must name a file that
 * exists, and each `#fragment` a heading of that file (GitHub's anchors:
 * lower case, punctuation dropped, spaces to hyphens, `-1`, `-2` for
 * repeats). Links to the running service (`http://localhost…`) are examples,
 * not links out, and are allowed; every other `http(s)://` link fails.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** README.md, docs/*.md and every README.md under clients/. */
function markdownFiles(): string[] {
  const files = [join(ROOT, "README.md")];
  for (const name of readdirSync(join(ROOT, "docs"))) {
    if (name.endsWith(".md")) files.push(join(ROOT, "docs", name));
  }
  const clients = join(ROOT, "clients");
  if (existsSync(clients)) {
    for (const name of readdirSync(clients)) {
      const readme = join(clients, name, "README.md");
      if (existsSync(readme)) files.push(readme);
    }
  }
  return files;
}

/** Text outside fenced code blocks and inline code spans. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** Inline links and images: `[text](target)` and `<https://…>` autolinks. */
export function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const targets: string[] = [];
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]);
  for (const m of text.matchAll(/<(https?:\/\/[^>\s]+)>/g)) targets.push(m[1]);
  for (const m of text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)) targets.push(m[1]);
  // GitHub turns a bare address in prose into a link as well.
  for (const m of text.matchAll(/(?<![(<\w])https?:\/\/[^\s)>\]]+/g)) targets.push(m[0]);
  return targets;
}

/** GitHub's anchors for a file's headings, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (
    const m of markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").matchAll(
      /^#{1,6}\s+(.+?)\s*#*\s*$/gm,
    )
  ) {
    const base = m[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").trim().replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const LOCAL_SERVICE = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/;

Deno.test("the anchors follow GitHub's rules, repeats numbered", () => {
  const anchors = headingAnchors(
    "# 6. SSO: target-based\n## Through the service\n## Through the service\n",
  );
  assert.deepEqual([...anchors], [
    "6-sso-target-based",
    "through-the-service",
    "through-the-service-1",
  ]);
  assert.deepEqual(
    linkTargets("[a](x.md#y) `[b](http://no)` <https://out.example> see http://b.c"),
    [
      "x.md#y",
      "https://out.example",
      "http://b.c",
    ],
  );
});

Deno.test("every link in the project's Markdown stays inside the repository and resolves", () => {
  const problems: string[] = [];
  for (const file of markdownFiles()) {
    const markdown = readFileSync(file, "utf8");
    const where = relative(ROOT, file);
    for (const target of linkTargets(markdown)) {
      if (LOCAL_SERVICE.test(target)) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        problems.push(`${where}: ${target} points outside the repository`);
        continue;
      }
      const [path, fragment] = target.split("#", 2);
      const resolved = path === "" ? file : join(dirname(file), decodeURIComponent(path));
      if (!resolved.startsWith(ROOT)) {
        problems.push(`${where}: ${target} leaves the repository`);
      } else if (!existsSync(resolved)) {
        problems.push(`${where}: ${target} names no file`);
      } else if (fragment !== undefined && resolved.endsWith(".md")) {
        if (!headingAnchors(readFileSync(resolved, "utf8")).has(fragment)) {
          problems.push(`${where}: ${target} names no heading of ${relative(ROOT, resolved)}`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});
