namespace ActorWarehouse.Engine.Types;

/// <summary>Outcome of an allocation-free parse: the COPY reader turns failures into per-row errors.</summary>
public enum ParseStatus : byte
{
    Ok = 0,
    /// <summary>Not a valid spelling for the type (22P02 / 22007).</summary>
    InvalidSyntax,
    /// <summary>Well-formed but outside the type's range or precision (22003 / 22008).</summary>
    OutOfRange,
}
