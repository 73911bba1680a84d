namespace Virtualizability.Machines;

/// <summary>A board that cannot be built or started as asked (RAM size, a spec without the registers it sets).</summary>
public sealed class BoardException(string message) : Exception(message);
