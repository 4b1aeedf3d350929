namespace CallService.Records;

/// <summary>
/// One step of a store's schema: applied once, in order of <see cref="Version"/>, and recorded in the
/// store's schema_version table. Each store keeps its own ordered list (SQL dialects differ).
/// </summary>
/// <param name="Version">1, 2, 3... without gaps.</param>
/// <param name="Description">What the step does, for the log and the schema_version table.</param>
/// <param name="Sql">The script, run in one transaction with the version row.</param>
public sealed record SchemaMigration(int Version, string Description, string Sql);
