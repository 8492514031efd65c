namespace ActorWarehouse.Actors.Persistence.Sql;

/// <summary>One serialized event, ready for the journal table.</summary>
internal readonly record struct JournalRow(
    string PersistenceId, long SequenceNr, string Manifest, long Timestamp, byte[] Payload, string? Tags, int SerializerId);
