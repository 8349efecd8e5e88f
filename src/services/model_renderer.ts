/**
 * Renderings of candidates for labelers: a built-in renderer
 * (src/evaluators/renderers.ts, SVG) or a model of the project that maps
 * params to an image (`labeling.renderer: {model, input, output}`), served
 * as PNG. This is the setting of ZO-RankSGD: people rank images decoded
 * from latent vectors.
 *
 * A model renderer is checked against the model's signature at createStudy,
 * in the study's transaction (the model's row stays locked until the study
 * is written, and deleteModel refuses a model a study draws with). The
 * params reach the model as model objectives send them (model_objective.ts:
 * paramsInputOf, paramsTensor), one row, through the one road to the
 * runtime (runModel).
 */
import type { TensorInfo } from "../evaluators/onnx/mod.ts";
import { imagePng, type ImageShape, imageShapeOf, MAX_IMAGE_SIDE } from "../evaluators/image.ts";
import { findRenderer, type Rendering } from "../evaluators/renderers.ts";
import type { Queryable } from "../db/client.ts";
import type { ModelRow } from "../db/schema.ts";
import { conflict, invalid, Problem } from "../errors.ts";
import type { Space } from "../space/mod.ts";
import type { Params } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { namedModel, namesOf, paramsInputOf, paramsTensor } from "./model_objective.ts";
import { findProjectModel, signatureOf } from "./models.ts";
import { runModel } from "./models_evaluate.ts";
import { type ElementType, elementType, numbersOf, shapeText } from "./models_tensors.ts";
import type { StudyMeta } from "./study_meta.ts";
import type { ModelRendererChoice } from "./study_schema.ts";

const where = "labeling.renderer";

/** How a study's candidates become the model's input and its output an image. */
interface Plan {
  row: ModelRow;
  type: ElementType;
  image: ImageShape;
}

/** Checks that an output is an image minima can encode (a 422 naming `labeling.renderer.output`). */
function imageOf(info: TensorInfo): ImageShape {
  const image = imageShapeOf(info.shape);
  if (elementType(info.type) === null || image === null) {
    throw invalid(
      `${where}.output`,
      "image_output",
      `output "${info.name}" is ${info.type} ${shapeText(info.shape)}: an image is ` +
        `[1, 3, H, W] or [1, H, W, 3] of numbers, H and W fixed and at most ${MAX_IMAGE_SIDE}`,
    );
  }
  return image;
}

/** Checks a model renderer against its model and the study's space; each problem a 422. */
function planOf(row: ModelRow, space: Space, renderer: ModelRendererChoice): Plan {
  const signature = signatureOf(row);
  const { info, type } = paramsInputOf(`${where}.input`, signature, renderer.input, space);
  const batch = info.shape[0];
  if (typeof batch === "number" && batch > 1) {
    throw invalid(
      `${where}.input`,
      "input_shape",
      `the model's input "${info.name}" is ${shapeText(info.shape)}: a renderer sends one row ` +
        "([1, d] or [batch, d])",
    );
  }
  const others = signature.inputs.filter((i) => i.name !== info.name);
  if (others.length > 0) {
    throw invalid(
      `${where}.input`,
      "single_input",
      `a renderer's model takes the params only, but this one also needs ${namesOf(others)}`,
    );
  }
  const out = signature.outputs.find((o) => o.name === renderer.output);
  if (!out) {
    throw invalid(
      `${where}.output`,
      "model_output",
      `the model has no output "${renderer.output}" (its outputs: ${namesOf(signature.outputs)})`,
    );
  }
  return { row, type, image: imageOf(out) };
}

/**
 * Checks a new study's model renderer (createStudy); run it in the study's
 * transaction. A 422 naming the field for an unknown model, an input the
 * model lacks or of the wrong width, other inputs, and an output that is not
 * an image.
 */
export async function checkModelRenderer(
  q: Queryable,
  projectId: string,
  space: Space,
  renderer: ModelRendererChoice,
): Promise<void> {
  planOf(await namedModel(q, projectId, renderer.model, `${where}.model`), space, renderer);
}

/** Plans by study (metas are cached per context, and a used model cannot be deleted). */
const plans = new WeakMap<StudyMeta, Plan>();

async function planFor(
  ctx: ServiceContext,
  meta: StudyMeta,
  renderer: ModelRendererChoice,
): Promise<Plan> {
  const known = plans.get(meta);
  if (known) return known;
  const row = await findProjectModel(ctx.db, meta.projectId, renderer.model.toLowerCase());
  if (!row) throw conflict(`model ${renderer.model} of study ${meta.id} no longer exists`);
  const plan = planOf(row, meta.space, renderer);
  plans.set(meta, plan);
  return plan;
}

/** The model's image of one candidate's params, as PNG. */
async function renderWithModel(
  ctx: ServiceContext,
  meta: StudyMeta,
  renderer: ModelRendererChoice,
  params: Params,
): Promise<Rendering> {
  const plan = await planFor(ctx, meta, renderer);
  const input = paramsTensor(meta.space, plan.type, [params], 1);
  const { outputs } = await runModel(ctx, plan.row, { [renderer.input]: input });
  const image = outputs[renderer.output];
  if (!image) throw new Error(`model ${plan.row.id} gave no output "${renderer.output}"`);
  return { contentType: "image/png", body: imagePng(numbersOf(image), plan.image) };
}

/** A candidate's rendering by the study's renderer; a 404 when the study has none. */
export async function renderParams(
  ctx: ServiceContext,
  meta: StudyMeta,
  params: Params,
): Promise<Rendering> {
  const choice = meta.labeling?.renderer;
  if (choice && "model" in choice) return await renderWithModel(ctx, meta, choice, params);
  const renderer = choice && findRenderer(choice.name);
  if (!renderer) throw new Problem("not-found", "this study has no renderer");
  return await renderer.render(params, meta.space);
}
