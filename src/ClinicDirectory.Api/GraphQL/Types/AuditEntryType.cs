using ClinicDirectory.Core.Access;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>One accepted change.</summary>
public sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass as after for older entries.").Resolve(c => c.Source.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<DateTimeScalar>>("at").Description("When.").ResolveFromSource(s => s.At);
        Field<NonNullGraphType<IdGraphType>>("keyId").Description("The key that made the change.").ResolveFromSource(s => s.KeyId);
        Field<NonNullGraphType<ApiKeyRoleEnum>>("role").Description("That key's role.").ResolveFromSource(s => s.Role);
        Field<IdGraphType>("clinicId").Description("The clinic concerned.").ResolveFromSource(s => s.ClinicId);
        Field<NonNullGraphType<StringGraphType>>("action").Description("The mutation.").ResolveFromSource(s => s.Action);
        Field<NonNullGraphType<StringGraphType>>("objectType").Description("Clinic, Practitioner, Credential or ApiKey.").ResolveFromSource(s => s.ObjectType);
        Field<NonNullGraphType<IdGraphType>>("objectId").Description("Its id.").ResolveFromSource(s => s.ObjectId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("changedFields").Description("Input fields the change set.").ResolveFromSource(s => s.ChangedFields);
        Field<IntGraphType>("version").Description("The object's version after the change.").ResolveFromSource(s => s.Version);
        Field<StringGraphType>("note").Description("The admin's note, for verifications.").ResolveFromSource(s => s.Note);
    }
}
