namespace ActorWarehouse.Host.Tests.Clients;

/// <summary>
/// One aw node per test class. A node that fails to start is remembered and reported, with its log, by
/// every test that needs it.
/// </summary>
public class AwNodeFixture : IDisposable
{
    private readonly AwNodeProcess? _node;
    private readonly Exception? _startError;

    public AwNodeFixture()
    {
        try
        {
            _node = new AwNodeProcess();
        }
        catch (Exception e)
        {
            _startError = e;
        }
    }

    internal AwNodeProcess Node => _node ?? throw new InvalidOperationException($"aw node did not start: {_startError!.Message}", _startError);

    public void Dispose()
    {
        _node?.Dispose();
        GC.SuppressFinalize(this);
    }
}
