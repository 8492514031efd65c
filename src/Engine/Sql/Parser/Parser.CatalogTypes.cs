using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>Casts to PostgreSQL's catalog types (regclass, oid, name, "char", arrays) and COLLATE, as client catalog queries write them.</summary>
internal sealed partial class Parser
{
    /// <summary>The type after :: or CAST(... AS: a catalog type gives a <see cref="CatalogCastExpr"/>, anything else a <see cref="CastExpr"/>.</summary>
    private Expr ParseCastTarget(int position, Expr operand)
    {
        int save = _pos;
        Token first = Current;
        string? name = first.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier ? first.Text : null;
        if (name == "pg_catalog" && first.Kind == TokenKind.Identifier && Peek().IsSymbol("."))
        {
            Advance();
            Advance();
            first = Current;
            name = first.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier ? first.Text : null;
        }
        CatalogType? catalogType = name switch
        {
            "oid" => CatalogType.Oid,
            "regclass" => CatalogType.RegClass,
            "regtype" => CatalogType.RegType,
            "regproc" or "regprocedure" => CatalogType.RegProc,
            "regnamespace" => CatalogType.RegNamespace,
            "regrole" => CatalogType.RegRole,
            "name" => CatalogType.Name,
            "char" when first.Kind == TokenKind.QuotedIdentifier => CatalogType.Char1,
            "xid" or "cid" => CatalogType.Xid,
            "int2vector" or "oidvector" or "_text" or "_name" or "_oid" or "_int2" or "_int4" or "_char" or "aclitem" => CatalogType.Array,
            _ => null,
        };
        if (catalogType is { } known)
        {
            Advance();
            if (IsSymbol("[") && Peek().IsSymbol("]"))
            {
                Advance();
                Advance();
                known = CatalogType.Array;
            }
            return new CatalogCastExpr(position, operand, known);
        }
        // pg_catalog."char" written unquoted as pg_catalog.char is still the one-byte type in psql's queries.
        if (name == "char" && save != _pos && !Peek().IsSymbol("("))
        {
            Advance();
            return new CatalogCastExpr(position, operand, CatalogType.Char1);
        }
        if (name is "text" or "varchar" or "int" or "integer" or "int2" or "int4" or "int8" or "bigint" or "smallint" or "bool" or "boolean"
            && ArraySuffixLength(_pos + 1) is int suffix and > 0)
        {
            // text[] and friends: one-dimensional arrays, carried in their text form.
            _pos += 1 + suffix;
            return new CatalogCastExpr(position, operand, CatalogType.Array);
        }
        _pos = save;
        return new CastExpr(position, operand, ParseType());
    }

    /// <summary>Tokens of <c>[(n)] [ ]</c> starting at token <paramref name="at"/> (0 when there is no array suffix).</summary>
    private int ArraySuffixLength(int at)
    {
        int length = 0;
        if (at + 2 < _tokens.Count && _tokens[at].IsSymbol("(") && _tokens[at + 2].IsSymbol(")")) length = 3;
        int bracket = at + length;
        return bracket + 1 < _tokens.Count && _tokens[bracket].IsSymbol("[") && _tokens[bracket + 1].IsSymbol("]") ? length + 2 : 0;
    }

    /// <summary>
    /// <c>COLLATE name</c>: only the default collations (default, C, POSIX, ucs_basic) are accepted, and they change nothing
    /// (comparison is by code point); others are 0A000.
    /// </summary>
    private void SkipDefaultCollation()
    {
        Token collate = Advance();
        if (Current.Kind == TokenKind.Identifier && Current.Text == "pg_catalog" && Peek().IsSymbol("."))
        {
            Advance();
            Advance();
        }
        Token name = Current;
        if (name.Kind is not (TokenKind.Identifier or TokenKind.QuotedIdentifier))
        {
            throw Unexpected();
        }
        Advance();
        if (name.Text is not ("default" or "C" or "c" or "POSIX" or "posix" or "ucs_basic"))
        {
            throw NotSupported($"COLLATE \"{name.Text}\"", collate.Start);
        }
    }
}
