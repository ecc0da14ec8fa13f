using System.Text.Json.Nodes;

namespace Analytics.Tests.Reference;

/// <summary>Files the test project copies from tests/Data to the output's Data folder.</summary>
public static class TestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static string[] Lines(string name) => File.ReadAllLines(PathOf(name));

    public static JsonNode Json(string name) =>
        JsonNode.Parse(File.ReadAllText(PathOf(name))) ?? throw new InvalidDataException($"{name} holds JSON null");
}
