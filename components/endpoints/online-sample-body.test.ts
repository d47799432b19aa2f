import { describe, expect, it } from "vitest";
import { sampleBody } from "./online-sample-body";

const script = { code_configuration: { scoring_script: "score.py", files: ["score.py"] } };
const pyfunc = { code_configuration: null };

describe("sampleBody", () => {
  it("is MLflow's input when every deployment serves an MLflow model without a score.py", () => {
    expect(JSON.parse(sampleBody([pyfunc, pyfunc]))).toEqual({ instances: [[1, 2]] });
  });

  it("is the seeds' data body as soon as one deployment runs a score.py, or there is none", () => {
    expect(JSON.parse(sampleBody([pyfunc, script]))).toEqual({ data: [[1, 2]] });
    expect(JSON.parse(sampleBody([]))).toEqual({ data: [[1, 2]] });
  });
});
