namespace ActorWarehouse.Engine.Tests.Sql;

/// <summary>
/// Location of the shared query corpora (TPC-H queries, sqllogictest files), read in place at test
/// time. Override with the AW_SHARED_DIR environment variable.
/// </summary>
internal static class SharedCorpus
{
    public static string Root => Environment.GetEnvironmentVariable("AW_SHARED_DIR") ?? "/work/shared";

    public static string TpchQueries => Path.Combine(Root, "tpch", "queries");

    public static string SqlLogicTests => Path.Combine(Root, "sqllogictest", "sqlite");
}
