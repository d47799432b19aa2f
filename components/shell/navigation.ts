export type TNavItem = { slug: string; label: string; description: string; isBuilt: boolean };

/** The left navigation, grouped as in Azure ML studio. Unbuilt sections say so on their page. */
export const NAV_GROUPS: { title: string; items: TNavItem[] }[] = [
  {
    title: "Assets",
    items: [
      {
        slug: "experiments",
        label: "Experiments",
        description: "Runs with their metrics, params, logs and outputs.",
        isBuilt: true,
      },
      { slug: "data", label: "Data", description: "Versioned datasets that jobs read.", isBuilt: true },
      { slug: "models", label: "Models", description: "The model registry.", isBuilt: true },
      {
        slug: "endpoints",
        label: "Endpoints",
        description: "Online and batch endpoints serving registered models.",
        isBuilt: true,
      },
      { slug: "pipelines", label: "Pipelines", description: "Multi-step pipelines with step reuse.", isBuilt: false },
    ],
  },
  {
    title: "Manage",
    items: [
      { slug: "compute", label: "Compute", description: "Registered Docker hosts and compute targets.", isBuilt: true },
      {
        slug: "environments",
        label: "Environments",
        description: "Container images built from a spec and cached by its hash.",
        isBuilt: true,
      },
      {
        slug: "datastores",
        label: "Datastores",
        description: "Where runs' files and datasets are stored: local folders and S3 buckets.",
        isBuilt: true,
      },
      {
        slug: "labeling",
        label: "Labeling",
        description: "Label images and text as a team, with review, agreement and export.",
        isBuilt: true,
      },
      { slug: "members", label: "Members", description: "Who can do what in this workspace.", isBuilt: true },
      {
        slug: "tokens",
        label: "API tokens",
        description: "Personal tokens for the SDK, CLI and REST API.",
        isBuilt: true,
      },
    ],
  },
];

export const PLANNED_SECTIONS = NAV_GROUPS.flatMap((g) => g.items).filter((i) => !i.isBuilt);
