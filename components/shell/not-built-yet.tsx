export function NotBuiltYet({ title, description }: { title: string; description: string }) {
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-1 text-slate-600">{description}</p>
      <div
        className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600"
        role="status"
      >
        <strong className="block text-slate-800">Not built yet.</strong>
        This part of Crucible is planned and not available in this version.
      </div>
    </div>
  );
}
