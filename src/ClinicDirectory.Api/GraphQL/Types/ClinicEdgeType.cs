using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A clinic search hit.</summary>
public sealed class ClinicEdgeType() : SearchEdgeType<Clinic, ClinicType>("ClinicEdge");
