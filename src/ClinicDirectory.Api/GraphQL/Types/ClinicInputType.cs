namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A new clinic.</summary>
public sealed class ClinicInputType() : ClinicFieldsInputType("ClinicInput", required: true);
