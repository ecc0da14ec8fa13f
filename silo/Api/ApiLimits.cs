namespace Analytics.Silo.Api;

/// <summary>Documented limits of the HTTP API.</summary>
public static class ApiLimits
{
    /// <summary>Largest accepted request body: 1 GiB (configurable as Analytics:MaxBodyBytes). The body is streamed, never held whole.</summary>
    public const long DefaultMaxBodyBytes = 1L << 30;

    /// <summary>Default and largest number of conversations a listing returns.</summary>
    public const int DefaultListLimit = 50, MaxListLimit = 1000;
}
