using ActorWarehouse.Host.Cli;

return await CommandTable.RunAsync(args);
