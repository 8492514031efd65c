namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// A piece of a physical plan that runs as <see cref="Instances"/> independent instances (one per slice or scan
/// morsel) without moving rows between them: the plan cut at every <see cref="PlanExchange"/>. Fragment 0 holds the
/// root and feeds the client; fragment <c>k + 1</c> is the input of exchange <c>k</c>, sending through it
/// (exchanges are numbered fragment by fragment, root fragment first).
/// </summary>
/// <param name="Sends">The exchange this fragment's instances send into (null for the root fragment).</param>
/// <param name="Receives">Exchanges at this fragment's leaves whose rows it consumes.</param>
public sealed record PlanFragment(int Id, PhysicalNode Root, PlanExchange? Sends, IReadOnlyList<PlanExchange> Receives)
{
    public int Instances => Root.Partitions;

    /// <summary>Numbers the exchanges of <paramref name="root"/> breadth-first over fragments and returns the fragments, root first.</summary>
    internal static IReadOnlyList<PlanFragment> Cut(PhysicalNode root)
    {
        var fragments = new List<PlanFragment>();
        var pending = new Queue<(PhysicalNode Root, PlanExchange? Sends)>();
        pending.Enqueue((root, null));
        int nextExchange = 0;
        while (pending.Count > 0)
        {
            var (fragmentRoot, sends) = pending.Dequeue();
            var receives = new List<PlanExchange>();
            var stack = new Stack<PhysicalNode>();
            stack.Push(fragmentRoot);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node is PlanExchange exchange)
                {
                    exchange.Id = nextExchange++;
                    receives.Add(exchange);
                    pending.Enqueue((exchange.Input, exchange));
                    continue;
                }
                for (int c = node.Children.Count - 1; c >= 0; c--) stack.Push(node.Children[c]);
            }
            fragments.Add(new PlanFragment(sends is null ? 0 : sends.Id + 1, fragmentRoot, sends, receives));
        }
        return fragments;
    }
}
