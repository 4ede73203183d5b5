namespace PlanNacc.Web.Storage;

/// <summary>A configuration the operator must fix; reported as one line, never a stack trace.</summary>
public sealed class StorageConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
