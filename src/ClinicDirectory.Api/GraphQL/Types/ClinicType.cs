using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using GraphQL;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A clinic listing.</summary>
public sealed class ClinicType : ObjectGraphType<Clinic>
{
    public ClinicType()
    {
        Name = "Clinic";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Clinic id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Clinic name.").Resolve(c => c.Source.Name);
        Field<StringGraphType>("description").Description("What the clinic offers.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<AddressType>>("address").Description("Street address.").Resolve(c => c.Source.Address);
        Field<NonNullGraphType<FloatGraphType>>("latitude").Description("Latitude.").Resolve(c => c.Source.Latitude);
        Field<NonNullGraphType<FloatGraphType>>("longitude").Description("Longitude.").Resolve(c => c.Source.Longitude);
        Field<StringGraphType>("phone").Description("Phone number.").Resolve(c => c.Source.Phone);
        Field<StringGraphType>("email").Description("E-mail address.").Resolve(c => c.Source.Email);
        Field<StringGraphType>("website").Description("Web site.").Resolve(c => c.Source.Website);
        Field<StringGraphType>("bookingUrl").Description("Online booking link.").Resolve(c => c.Source.BookingUrl);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OpeningHoursType>>>>("hours").Description("Opening hours.").Resolve(c => c.Source.Hours);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TechniqueEnum>>>>("techniques").Description("Techniques offered.").Resolve(c => c.Source.Techniques);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConditionType>>>>("conditions").Description("Conditions treated.")
            .Resolve(c => PractitionerType.ConditionsOf(c.RequestServices!, c.Source.Conditions));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("languages").Description("ISO 639-1 codes, e.g. \"en\", \"fr\", \"pa\".").Resolve(c => c.Source.Languages);
        Field<NonNullGraphType<BooleanGraphType>>("directBilling").Description("The clinic bills extended health insurers directly.").Resolve(c => c.Source.DirectBilling);
        Field<NonNullGraphType<BooleanGraphType>>("acceptingNewPatients").Description("Takes new patients.").Resolve(c => c.Source.AcceptingNewPatients);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PractitionerType>>>>("practitioners").Description("Practitioners listed at this clinic.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<IDirectoryEngine>().GetPractitionersOfClinicAsync(c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<DateTimeScalar>>("updatedAt").Description("Last change.").Resolve(c => c.Source.UpdatedAt);
        Field<NonNullGraphType<IntGraphType>>("version").Description("Incremented by every accepted change.").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<BooleanGraphType>>("isSample").Description("A fictional sample listing, not a real clinic.").Resolve(c => c.Source.IsSample);
    }
}
