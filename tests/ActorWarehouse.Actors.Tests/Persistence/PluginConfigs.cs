namespace ActorWarehouse.Actors.Tests.Persistence;

/// <summary>HOCON that selects one plugin family for both journal and snapshot store.</summary>
internal static class PluginConfigs
{
    public const string Memory = """
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    public static string Sqlite(string file) => $$"""
        akka.persistence.journal.plugin = "akka.persistence.journal.sqlite"
        akka.persistence.journal.sqlite.database-file = "{{file}}"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sqlite"
        akka.persistence.snapshot-store.sqlite.database-file = "{{file}}"
        """;

    public static string PostgreSql(string connectionString) => $$"""
        akka.persistence.journal.plugin = "akka.persistence.journal.postgresql"
        akka.persistence.journal.postgresql.connection-string = "{{connectionString}}"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.postgresql"
        akka.persistence.snapshot-store.postgresql.connection-string = "{{connectionString}}"
        """;
}

/// <summary>A fresh SQLite file per test, deleted (with its WAL files) afterwards.</summary>
internal sealed class TempDatabaseFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aw-persistence-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "persistence.db");

    /// <summary>Terminates the system first (its journal closes the file), then deletes the folder.</summary>
    public void DisposeAfter(ActorSystem system)
    {
        if (!system.Terminate().Wait(TimeSpan.FromSeconds(20)))
            Console.Error.WriteLine($"actor system {system.Name} did not terminate; {_folder} may stay behind");
        Dispose();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        for (int attempt = 0; attempt < 3 && Directory.Exists(_folder); attempt++)
        {
            try { Directory.Delete(_folder, recursive: true); }
            catch (IOException) { Thread.Sleep(100); }
        }
    }
}
