using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Transactions;

namespace ActorWarehouse.Engine.Security;

/// <summary>
/// The warehouse's users, kept in the catalog (so they are persisted and versioned with it). Reads see the latest
/// committed catalog; SQL CREATE/ALTER/DROP USER change them inside the session's transaction.
/// </summary>
public sealed class UserDirectory
{
    /// <summary>Redshift numbers the first user 100 (lower ids are its internal users).</summary>
    public const int FirstUserId = 100;

    private readonly TransactionManager _transactions;

    internal UserDirectory(TransactionManager transactions)
    {
        _transactions = transactions;
    }

    /// <summary>The user called <paramref name="name"/> (exact, case-sensitive match as stored), or null.</summary>
    public UserAccount? Find(string name) => _transactions.Current.Users.GetValueOrDefault(name);

    /// <summary>All users, by name.</summary>
    public IReadOnlyList<UserAccount> All => _transactions.Current.Users.Values.ToList();

    /// <summary>
    /// Creates superuser <paramref name="name"/> with <paramref name="password"/> when no user of that name exists (the
    /// node's first start); leaves an existing one alone, password included. Returns the account.
    /// </summary>
    public UserAccount EnsureSuperuser(string name, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(password);
        for (int attempt = 0; ; attempt++)
        {
            if (Find(name) is { } existing) return existing;
            var transaction = _transactions.Begin(isExplicit: false);
            var account = new UserAccount(NextId(transaction.Working), name, true, PasswordVerifiers.Scram(password), PasswordVerifiers.Md5(password, name))
            {
                CanCreateDatabase = true,
            };
            transaction.Apply(transaction.Working.WithUser(account), CatalogKeys.User(name));
            try
            {
                _transactions.Commit(transaction);
                return account;
            }
            catch (SqlException e) when (e.SqlState == SqlState.SerializationFailure && attempt < 3)
            {
                // Someone created it concurrently: the next round finds it.
            }
        }
    }

    /// <summary>The id a new user gets in <paramref name="catalog"/>.</summary>
    internal static int NextId(Catalog.CatalogVersion catalog)
    {
        int max = FirstUserId - 1;
        foreach (var user in catalog.Users.Values) max = Math.Max(max, user.Id);
        return max + 1;
    }
}
