/**
 * The Kubernetes manifests in deploy/kubernetes/ against the code they run:
 * every file parses, env names are ones the processes read and their values
 * pass loadConfig, commands are deno.json's tasks, ports and probe paths are
 * the app's, secrets come from Secrets, the agent's arguments parse with its
 * own parser, the kustomization lists every file. No database, no cluster.
 */
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { parseAgentArgs } from "../src/agent/args.ts";
import { type Config, CONFIG_VARIABLES, loadConfig } from "../src/config.ts";
import { healthRoute, metricsRoute, readyRoute } from "../src/routes/health/routes.ts";

const ROOT = new URL("../", import.meta.url);
const DIR = new URL("deploy/kubernetes/", ROOT);
const KUSTOMIZATION = "kustomization.yaml";
/** Placeholders for the Secrets that `kubectl create secret` makes (never applied). */
const SECRETS_EXAMPLE = "secrets.example.yaml";

/** The env vars that must come from a Secret, with a valid stand-in for the checks. */
const SECRET_VARIABLES: Record<string, string> = {
  DATABASE_URL: "postgres://minima:placeholder@db.invalid:5432/minima",
  MINIMA_ADMIN_KEY: "placeholder-admin-key-0123456789",
  MINIMA_API_KEY: "placeholder-project-key",
};

/** Each workload's `app.kubernetes.io/component` and the deno.json task it runs. */
const ROLE_TASKS = { api: "start", worker: "worker", agent: "agent" } as const;
type Role = keyof typeof ROLE_TASKS;

// --- The shapes read here (a small part of Kubernetes' objects) -----------

type Labels = Record<string, string>;
interface Metadata {
  name?: string;
  namespace?: string;
  labels?: Labels;
  annotations?: Labels;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; [source: string]: unknown };
}
interface Probe {
  httpGet?: { path?: string; port: number | string };
  [field: string]: unknown;
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: unknown[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: {
    requests?: Record<string, string | number>;
    limits?: Record<string, string | number>;
  };
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodTemplate {
  metadata?: Metadata;
  spec: {
    containers: Container[];
    initContainers?: Container[];
    securityContext?: SecurityContext;
    nodeSelector?: Labels;
    affinity?: { nodeAffinity?: unknown };
    tolerations?: { key?: string; operator?: string; effect?: string }[];
    terminationGracePeriodSeconds?: number;
    volumes?: { name: string }[];
  };
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata?: Metadata;
  spec?: unknown;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  // A Kustomization's fields.
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}
interface DeploymentSpec {
  replicas?: number;
  selector: { matchLabels: Labels };
  template: PodTemplate;
}
interface CronJobSpec {
  jobTemplate: { spec: { activeDeadlineSeconds?: number; template: PodTemplate } };
}
interface ServiceSpec {
  selector: Labels;
  ports: { name?: string; port: number; targetPort?: number | string }[];
}

interface Manifest {
  file: string;
  object: K8sObject;
}

// --- Loading ------------------------------------------------------------------

function yamlFiles(): string[] {
  return [...Deno.readDirSync(DIR)]
    .filter((e) => e.isFile && /\.ya?ml$/.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** Every document of every YAML file; a parse error or warning fails here. */
function loadManifests(): Manifest[] {
  const manifests: Manifest[] = [];
  for (const file of yamlFiles()) {
    const text = Deno.readTextFileSync(new URL(file, DIR));
    for (const doc of parseAllDocuments(text)) {
      const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
      assert.deepEqual(problems, [], `${file}: YAML errors`);
      const object = doc.toJS() as K8sObject | null;
      if (object === null) continue; // an empty document (a trailing ---)
      manifests.push({ file, object });
    }
  }
  return manifests;
}

const MANIFESTS = loadManifests();
const APPLIED = MANIFESTS.filter((m) => m.file !== SECRETS_EXAMPLE && m.file !== KUSTOMIZATION);
const DENO_TASKS: Record<string, string> = JSON.parse(
  Deno.readTextFileSync(new URL("deno.json", ROOT)),
).tasks;
const DOCKERFILE = Deno.readTextFileSync(new URL("Dockerfile", ROOT));

function exists(path: string): boolean {
  try {
    Deno.statSync(new URL(path, ROOT));
    return true;
  } catch {
    return false;
  }
}

function podTemplate(object: K8sObject): PodTemplate | undefined {
  switch (object.kind) {
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "Job":
      return (object.spec as DeploymentSpec).template;
    case "CronJob":
      return (object.spec as CronJobSpec).jobTemplate.spec.template;
    case "Pod":
      return { metadata: object.metadata, spec: object.spec as PodTemplate["spec"] };
  }
  return undefined;
}

interface Workload {
  file: string;
  object: K8sObject;
  role: Role;
  template: PodTemplate;
  container: Container;
}

/** The api, worker and agent workloads: one each, with one container each. */
function workloads(): Record<Role, Workload> {
  const found: Partial<Record<Role, Workload>> = {};
  for (const { file, object } of APPLIED) {
    const template = podTemplate(object);
    if (!template) continue;
    const role = template.metadata?.labels?.["app.kubernetes.io/component"];
    assert.ok(
      role !== undefined && role in ROLE_TASKS,
      `${file}: ${object.kind} ${object.metadata?.name}: pod label app.kubernetes.io/component ` +
        `must be one of ${Object.keys(ROLE_TASKS).join(", ")} (got ${role})`,
    );
    assert.equal(found[role as Role], undefined, `${file}: a second ${role} workload`);
    assert.equal(template.spec.containers.length, 1, `${file}: one container per pod`);
    found[role as Role] = {
      file,
      object,
      role: role as Role,
      template,
      container: template.spec.containers[0],
    };
  }
  for (const role of Object.keys(ROLE_TASKS)) assert.ok(found[role as Role], `no ${role} workload`);
  return found as Record<Role, Workload>;
}

const WORKLOADS = workloads();
/** The workloads whose process reads src/config.ts (loadConfig). */
const SERVICE_ROLES = ["api", "worker"] as const;

function objectsOf(kind: string): Manifest[] {
  return APPLIED.filter((m) => m.object.kind === kind);
}

/** The container's environment as the process sees it, Secrets replaced by stand-ins. */
function processEnv(w: Workload): Record<string, string> {
  const env: Record<string, string> = {};
  for (const v of w.container.env ?? []) {
    if (v.value !== undefined) env[v.name] = v.value;
    else if (v.valueFrom?.secretKeyRef) {
      const placeholder = SECRET_VARIABLES[v.name];
      assert.ok(placeholder, `${w.file}: ${v.name} comes from a Secret; the test has no stand-in`);
      env[v.name] = placeholder;
    } else assert.fail(`${w.file}: env ${v.name}: only value or secretKeyRef is checked here`);
  }
  return env;
}

function configOf(w: Workload): Config {
  return loadConfig(processEnv(w));
}

/** The container port a probe's or Service's port (a number or a name) refers to. */
function resolvePort(c: Container, port: number | string | undefined): number | undefined {
  if (typeof port === "number") return port;
  return c.ports?.find((p) => p.name === port)?.containerPort;
}

function probes(c: Container): [string, Probe][] {
  return (["startupProbe", "livenessProbe", "readinessProbe"] as const)
    .filter((k) => c[k] !== undefined)
    .map((k) => [k, c[k]!]);
}

function selects(selector: Labels, labels: Labels | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** A CPU quantity ("2", "500m", 2) in cores. */
function cpuCores(quantity: string | number): number {
  if (typeof quantity === "number") return quantity;
  return quantity.endsWith("m") ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

/** Every string value in an object, with its path. */
function* strings(value: unknown, path = ""): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
  }
}

/** The names of `Deno.env.get("NAME")` and `env("NAME")` reads in a source file. */
function envReads(path: string): string[] {
  if (!exists(path)) return [];
  const source = Deno.readTextFileSync(new URL(path, ROOT));
  return [...source.matchAll(/\benv(?:\.get)?\(\s*"([A-Z0-9_]+)"\s*\)/g)].map((m) => m[1]);
}

/** A deno.json task's command after its deno binary: ["run", "--allow-all", "src/main.ts"]. */
function taskArgs(task: string): string[] | undefined {
  const line = DENO_TASKS[task];
  if (line === undefined) return undefined;
  const words = line.trim().split(/\s+/);
  assert.match(words[0], /(^|\/)deno$/, `task ${task} does not start with deno`);
  return words.slice(1);
}

/** The entry file of a `deno run … FILE` command. */
function entryFile(args: string[]): string | undefined {
  return args.find((a) => /\.(ts|js|mjs)$/.test(a));
}

// --- The checks -------------------------------------------------------------

Deno.test("deploy: every YAML file parses into objects with apiVersion and kind", () => {
  assert.ok(yamlFiles().length >= 4, "deploy/kubernetes/ has its manifests");
  for (const { file, object } of MANIFESTS) {
    assert.equal(typeof object, "object", `${file}: a document is not a mapping`);
    assert.ok(object.apiVersion && object.kind, `${file}: a document without apiVersion/kind`);
    if (object.kind !== "Kustomization") {
      assert.ok(object.metadata?.name, `${file}: a ${object.kind} without metadata.name`);
    }
  }
});

Deno.test("deploy: the kustomization lists every manifest, not the example Secrets", () => {
  const kustomizations = MANIFESTS.filter((m) => m.file === KUSTOMIZATION);
  assert.equal(kustomizations.length, 1, `one document in ${KUSTOMIZATION}`);
  const k = kustomizations[0].object;
  assert.equal(k.kind, "Kustomization");
  const listed = k.resources ?? [];
  assert.ok(!listed.includes(SECRETS_EXAMPLE), `${SECRETS_EXAMPLE} must not be applied`);
  const expected = yamlFiles().filter((f) => f !== KUSTOMIZATION && f !== SECRETS_EXAMPLE);
  assert.deepEqual([...listed].sort(), expected, "kustomization resources = the manifests");
  // Only the example file holds Secrets; the applied ones never carry a secret.
  for (const { file, object } of APPLIED) {
    assert.notEqual(object.kind, "Secret", `${file}: a Secret in an applied manifest`);
  }
  // The namespace it sets is the Namespace it creates.
  const namespaces = objectsOf("Namespace").map((m) => m.object.metadata?.name);
  if (namespaces.length > 0) assert.deepEqual(namespaces, [k.namespace], "the Namespace's name");
  // Its `images` name exactly the images the containers use.
  const used = new Set(
    Object.values(WORKLOADS).map((w) => w.container.image.replace(/[:@].*$/, "")),
  );
  assert.deepEqual(new Set((k.images ?? []).map((i) => i.name)), used, "images = containers'");
});

Deno.test("deploy: container commands are deno.json's tasks, run as the image runs deno", () => {
  for (const w of Object.values(WORKLOADS)) {
    const command = w.container.command ?? [];
    const task = ROLE_TASKS[w.role];
    const args = taskArgs(task);
    assert.ok(args, `${w.file}: deno.json has no task ${task}`);
    // The image has /usr/local/bin/deno, not node_modules/.bin/deno (a devDependency).
    assert.deepEqual(command, ["deno", ...args], `${w.file}: the command of \`deno task ${task}\``);
    const entry = entryFile(args);
    assert.ok(entry && exists(entry), `${w.file}: entry file ${entry} does not exist`);
  }
  // The API's command is the image's own CMD.
  const cmds = [...DOCKERFILE.matchAll(/^CMD (\[.*\])\s*$/gm)].map((m) => JSON.parse(m[1]));
  assert.ok(cmds.length > 0, "the Dockerfile has CMDs");
  for (const cmd of cmds) assert.deepEqual(WORKLOADS.api.container.command, cmd);
  // Workers run the Dockerfile's gpu target, not the API's CPU image.
  assert.match(DOCKERFILE, /^FROM \S+ AS gpu$/m);
  assert.notEqual(WORKLOADS.worker.container.image, WORKLOADS.api.container.image);
});

Deno.test("deploy: every env var set is one the process reads, set once", () => {
  const service = new Set(CONFIG_VARIABLES);
  const reads: Record<Role, Set<string>> = {
    api: new Set([...service, ...envReads("src/main.ts")]),
    worker: new Set([...service, ...envReads("src/worker.ts")]),
    agent: new Set([...envReads("src/agent/args.ts"), ...envReads("src/agent/main.ts")]),
  };
  assert.ok(reads.agent.has("MINIMA_API_KEY"), "the agent's env reads were found in args.ts");
  for (const w of Object.values(WORKLOADS)) {
    assert.equal(w.container.envFrom, undefined, `${w.file}: envFrom hides the names it sets`);
    const names = (w.container.env ?? []).map((v) => v.name);
    assert.equal(new Set(names).size, names.length, `${w.file}: an env var set twice`);
    for (const name of names) {
      assert.ok(reads[w.role].has(name), `${w.file}: ${name} is not read by the ${w.role}`);
    }
  }
});

Deno.test("deploy: the API's and workers' env parses with loadConfig", () => {
  for (const role of SERVICE_ROLES) {
    const w = WORKLOADS[role];
    const env = processEnv(w);
    assert.ok(env.DATABASE_URL, `${w.file}: DATABASE_URL (the shared PostgreSQL) must be set`);
    loadConfig(env); // a ConfigError names the variable
  }
});

Deno.test("deploy: ports agree: PORT, containerPort, probes, Service, metrics annotation", () => {
  for (const role of SERVICE_ROLES) {
    const w = WORKLOADS[role];
    const c = w.container;
    const port = configOf(w).port; // PORT, or loadConfig's default
    assert.deepEqual(c.ports?.map((p) => p.containerPort), [port], `${w.file}: containerPort`);
    for (const [kind, probe] of probes(c)) {
      assert.equal(resolvePort(c, probe.httpGet?.port), port, `${w.file}: ${kind}'s port`);
    }
    const annotations = w.template.metadata?.annotations ?? {};
    assert.equal(annotations["prometheus.io/port"], String(port), `${w.file}: scrape port`);
    assert.equal(annotations["prometheus.io/path"], metricsRoute.path, `${w.file}: scrape path`);
  }
  const services = objectsOf("Service");
  assert.ok(services.length > 0, "a Service for the API");
  for (const { file, object } of services) {
    const spec = object.spec as ServiceSpec;
    const api = WORKLOADS.api;
    assert.ok(selects(spec.selector, api.template.metadata?.labels), `${file}: selects the API`);
    assert.ok(
      !selects(spec.selector, WORKLOADS.worker.template.metadata?.labels),
      `${file}: must not select the workers (they serve no API)`,
    );
    for (const p of spec.ports) {
      assert.equal(
        resolvePort(api.container, p.targetPort ?? p.port),
        configOf(api).port,
        `${file}: targetPort of ${p.name ?? p.port}`,
      );
    }
  }
  for (const w of Object.values(WORKLOADS)) {
    const spec = w.object.spec as DeploymentSpec;
    if (spec.selector) {
      assert.ok(
        selects(spec.selector.matchLabels, w.template.metadata?.labels),
        `${w.file}: the selector does not match the pod template's labels`,
      );
    }
  }
  for (const { file, object } of objectsOf("PodDisruptionBudget")) {
    const selector = (object.spec as { selector: { matchLabels: Labels } }).selector.matchLabels;
    assert.ok(selects(selector, WORKLOADS.api.template.metadata?.labels), `${file}: PDB selector`);
  }
});

Deno.test("deploy: probes are on the paths the app serves: liveness /healthz, readiness /readyz", () => {
  for (const role of SERVICE_ROLES) {
    const c = WORKLOADS[role].container;
    const file = WORKLOADS[role].file;
    assert.equal(c.livenessProbe?.httpGet?.path, healthRoute.path, `${file}: liveness`);
    assert.equal(c.readinessProbe?.httpGet?.path, readyRoute.path, `${file}: readiness`);
    for (const [kind, probe] of probes(c)) {
      assert.ok(
        ([healthRoute.path, readyRoute.path] as string[]).includes(probe.httpGet?.path ?? ""),
        `${file}: ${kind} on ${probe.httpGet?.path}`,
      );
    }
  }
});

Deno.test("deploy: the API runs no runs, the workers run them on a GPU", () => {
  const api = configOf(WORKLOADS.api);
  assert.equal(api.runWorkers, 0, "the API sets MINIMA_RUN_WORKERS=0");
  const w = WORKLOADS.worker;
  const worker = configOf(w);
  assert.ok(worker.runWorkers >= 1, "the worker sets MINIMA_RUN_WORKERS >= 1");
  assert.ok(worker.onnxProviders.includes("cuda"), "the worker's MINIMA_ONNX_PROVIDERS has cuda");
  const gpus = Number(w.container.resources?.limits?.["nvidia.com/gpu"] ?? 0);
  assert.ok(gpus >= 1, `${w.file}: limits nvidia.com/gpu`);
  assert.ok(worker.cudaDevice < gpus, `${w.file}: MINIMA_CUDA_DEVICE is one of the pod's GPUs`);
  const pod = w.template.spec;
  assert.ok(
    Object.keys(pod.nodeSelector ?? {}).length > 0 || pod.affinity?.nodeAffinity,
    `${w.file}: a nodeSelector or node affinity for GPU nodes`,
  );
  assert.ok(
    pod.tolerations?.some((t) => t.key === "nvidia.com/gpu"),
    `${w.file}: tolerates the GPU nodes' taint`,
  );
  assert.equal(
    WORKLOADS.api.container.resources?.limits?.["nvidia.com/gpu"],
    undefined,
    `${WORKLOADS.api.file}: the API needs no GPU`,
  );
});

Deno.test("deploy: secrets come from Secrets, and only placeholders are written down", () => {
  const example = MANIFESTS.filter((m) => m.file === SECRETS_EXAMPLE).map((m) => m.object);
  assert.ok(example.length > 0, `${SECRETS_EXAMPLE} exists`);
  const keys = new Set<string>();
  for (const secret of example) {
    assert.equal(secret.kind, "Secret", `${SECRETS_EXAMPLE} holds Secrets only`);
    assert.equal(secret.data, undefined, `${SECRETS_EXAMPLE}: stringData placeholders only`);
    for (const [key, value] of Object.entries(secret.stringData ?? {})) {
      assert.match(value, /CHANGE-ME/, `${SECRETS_EXAMPLE}: ${key} is not a placeholder`);
      keys.add(`${secret.metadata?.name}/${key}`);
    }
  }
  for (const w of Object.values(WORKLOADS)) {
    for (const v of w.container.env ?? []) {
      const ref = v.valueFrom?.secretKeyRef;
      if (v.name in SECRET_VARIABLES) {
        assert.equal(v.value, undefined, `${w.file}: ${v.name} written in the manifest`);
        assert.ok(ref, `${w.file}: ${v.name} must come from a secretKeyRef`);
      }
      if (ref) {
        assert.ok(keys.has(`${ref.name}/${ref.key}`), `${w.file}: ${ref.name}/${ref.key} unknown`);
      }
    }
  }
  for (const { file, object } of APPLIED) {
    for (const [path, value] of strings(object)) {
      assert.doesNotMatch(value, /^postgres(ql)?:\/\//, `${file}${path}: a database URL`);
    }
  }
});

Deno.test("deploy: the CronJob's agent arguments parse with the agent's parser", () => {
  const w = WORKLOADS.agent;
  assert.equal(w.object.kind, "CronJob");
  const command = w.container.command ?? [];
  const entry = command.findIndex((a) => /\.(ts|js|mjs)$/.test(a));
  let argv = [...command.slice(entry + 1), ...(w.container.args ?? [])];
  if (argv[0] === "agent") argv = argv.slice(1); // as src/agent/main.ts does
  const env = processEnv(w);
  const options = parseAgentArgs(argv, (name) => env[name]);
  // MINIMA_URL is the API Service.
  const url = new URL(options.url);
  const name = url.hostname.split(".")[0];
  const service = objectsOf("Service").find((m) => m.object.metadata?.name === name);
  assert.ok(service, `MINIMA_URL ${options.url}: no Service ${name}`);
  const spec = service.object.spec as ServiceSpec;
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  assert.ok(spec.ports.some((p) => p.port === port), `MINIMA_URL ${options.url}: port ${port}`);
  assert.ok(selects(spec.selector, WORKLOADS.api.template.metadata?.labels));
  // The job lives long enough for a trial to reach its --timeout.
  const deadline = (w.object.spec as CronJobSpec).jobTemplate.spec.activeDeadlineSeconds;
  if (deadline !== undefined && options.timeoutSeconds !== undefined) {
    assert.ok(deadline > options.timeoutSeconds, `${w.file}: activeDeadlineSeconds < --timeout`);
  }
});

Deno.test("deploy: the image's non-root user, no privilege, a read-only root with writable mounts", () => {
  const uids = new Set([...DOCKERFILE.matchAll(/--uid (\d+)/g)].map((m) => Number(m[1])));
  assert.equal(uids.size, 1, "the Dockerfile's user");
  const [uid] = uids;
  for (const w of Object.values(WORKLOADS)) {
    const pod = w.template.spec.securityContext ?? {};
    for (const c of [...(w.template.spec.initContainers ?? []), ...w.template.spec.containers]) {
      const sc = { ...pod, ...c.securityContext };
      assert.equal(sc.runAsNonRoot, true, `${w.file}: ${c.name} runAsNonRoot`);
      assert.equal(sc.runAsUser, uid, `${w.file}: ${c.name} runs as the image's uid ${uid}`);
      assert.equal(sc.allowPrivilegeEscalation, false, `${w.file}: ${c.name} escalation`);
      assert.equal(sc.readOnlyRootFilesystem, true, `${w.file}: ${c.name} readOnlyRootFilesystem`);
      const volumes = new Set((w.template.spec.volumes ?? []).map((v) => v.name));
      const mounts = c.volumeMounts ?? [];
      for (const m of mounts) assert.ok(volumes.has(m.name), `${w.file}: no volume ${m.name}`);
      const writable = (dir: string) =>
        mounts.some((m) => dir === m.mountPath || dir.startsWith(m.mountPath.replace(/\/?$/, "/")));
      assert.ok(writable("/tmp"), `${w.file}: ${c.name} has no writable /tmp`);
      if (w.role !== "agent") {
        const dir = configOf(w).modelCacheDir;
        assert.ok(writable(dir), `${w.file}: the model cache ${dir} is on the read-only root`);
      }
    }
  }
});

Deno.test("deploy: shutdown, pools and designer threads fit the pods", () => {
  for (const role of SERVICE_ROLES) {
    const w = WORKLOADS[role];
    const config = configOf(w);
    const grace = w.template.spec.terminationGracePeriodSeconds ?? 30;
    assert.ok(
      grace > config.shutdownTimeoutSeconds,
      `${w.file}: terminationGracePeriodSeconds ${grace} <= MINIMA_SHUTDOWN_TIMEOUT_SECONDS`,
    );
    // loadConfig's default counts the node's cores, not the container's: set it.
    assert.ok(
      (w.container.env ?? []).some((v) => v.name === "MINIMA_DESIGN_WORKERS"),
      `${w.file}: MINIMA_DESIGN_WORKERS is not set`,
    );
    const cpu = w.container.resources?.limits?.cpu ?? w.container.resources?.requests?.cpu;
    assert.ok(cpu !== undefined, `${w.file}: no CPU request or limit`);
    assert.ok(
      config.designWorkers <= Math.max(1, Math.ceil(cpuCores(cpu))),
      `${w.file}: MINIMA_DESIGN_WORKERS ${config.designWorkers} > CPUs ${cpu}`,
    );
  }
});
