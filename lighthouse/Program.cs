// The lighthouse seed node arrives with cluster membership (issue #5). Until then it says so
// plainly instead of pretending to run.
Console.Error.WriteLine("lighthouse: cluster membership is not implemented yet (issue #5); nothing to run.");
return 2;
