/** On the parent run of a batch job with several instances: how many, and the output asset asked for. */
export const BATCH_INSTANCES_TAG = "batch_instances";
export const BATCH_OUTPUT_TAG = "batch_output";
/** On the parent run of a batch job that failed: why (its instances have their own failure reasons). */
export const BATCH_FAILURE_TAG = "batch_failure";
/** On each instance's job: which share of the mini-batches it scores. */
export const BATCH_INSTANCE_TAG = "batch_instance";
/** What an instance leaves in outputs/predictions/ for the merge: its rows, one JSON line each (see the driver). */
export const INSTANCE_ROWS_FILE = "rows.jsonl";
export const BATCH_SUMMARY_FILE = "batch-summary.json";
