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
        Field<NonNullGraphType<DateTimeScalar>>("at").Description("When.").Resolve(c => c.Source.At);
        Field<NonNullGraphType<IdGraphType>>("keyId").Description("The key that made the change.").Resolve(c => c.Source.KeyId);
        Field<NonNullGraphType<ApiKeyRoleEnum>>("role").Description("That key's role.").Resolve(c => c.Source.Role);
        Field<IdGraphType>("clinicId").Description("The clinic concerned.").Resolve(c => c.Source.ClinicId);
        Field<NonNullGraphType<StringGraphType>>("action").Description("The mutation.").Resolve(c => c.Source.Action);
        Field<NonNullGraphType<StringGraphType>>("objectType").Description("Clinic, Practitioner, Credential or ApiKey.").Resolve(c => c.Source.ObjectType);
        Field<NonNullGraphType<IdGraphType>>("objectId").Description("Its id.").Resolve(c => c.Source.ObjectId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("changedFields").Description("Input fields the change set.").Resolve(c => c.Source.ChangedFields);
        Field<IntGraphType>("version").Description("The object's version after the change.").Resolve(c => c.Source.Version);
        Field<StringGraphType>("note").Description("The admin's note, for verifications.").Resolve(c => c.Source.Note);
    }
}
