using System.Reflection;
using System.Xml.Linq;

namespace ActorWarehouse.Architecture.Tests;

/// <summary>
/// The layer rule of architecture.md §2: Engine knows nothing of actors, Actors nothing of SQL.
/// Checked twice: in the project files (what the build may reference) and in the compiled
/// assemblies (what the code really references).
/// </summary>
public sealed class LayerDependencySpec
{
    private static readonly string RepoRoot = FindRepoRoot();

    [Theory]
    [InlineData("src/Engine/ActorWarehouse.Engine.csproj", "Actors")]
    [InlineData("src/Actors/ActorWarehouse.Actors.csproj", "Engine")]
    [InlineData("lighthouse/Lighthouse.csproj", "Engine")]
    public void Project_file_does_not_reference_the_forbidden_layer(string project, string forbidden)
    {
        var references = ProjectReferences(Path.Combine(RepoRoot, project));
        Assert.DoesNotContain(references, r => r.Contains($"ActorWarehouse.{forbidden}", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Engine_assembly_does_not_reference_Actors()
    {
        var engine = Assembly.Load("ActorWarehouse.Engine");
        Assert.DoesNotContain(engine.GetReferencedAssemblies(), a => a.Name == "ActorWarehouse.Actors");
    }

    [Fact]
    public void Actors_assembly_does_not_reference_Engine()
    {
        var actors = Assembly.Load("ActorWarehouse.Actors");
        Assert.DoesNotContain(actors.GetReferencedAssemblies(), a => a.Name == "ActorWarehouse.Engine");
    }

    [Fact]
    public void The_rule_detects_a_forbidden_reference()
    {
        // Guards the guard: a project file that does reference the forbidden layer must be caught.
        var temp = Path.Combine(Path.GetTempPath(), $"aw-arch-{Guid.NewGuid():N}.csproj");
        File.WriteAllText(temp, "<Project><ItemGroup><ProjectReference Include=\"../Actors/ActorWarehouse.Actors.csproj\" /></ItemGroup></Project>");
        try
        {
            Assert.Contains(ProjectReferences(temp), r => r.Contains("ActorWarehouse.Actors", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static IReadOnlyList<string> ProjectReferences(string projectPath) =>
        XDocument.Load(projectPath).Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .ToList();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorWarehouse.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ActorWarehouse.sln not found above the test binaries");
    }
}
