using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using ClinicDirectory.Benchmarks;

// Commands: index [warm] | compression | writes [COUNT [sqlite|postgresql CONNECTION]] | concurrent-writes [COUNT [WRITERS [sqlite|postgresql CONNECTION]]] | latency | throughput SECONDS THREADS | throughput-windows THREADS | fields | bdn [BenchmarkDotNet arguments]. See BENCHMARKS.md.
var command = args.Length > 0 ? args[0] : "bdn";
switch (command)
{
    case "index":
    {
        var data = Paths.EnsureData(Console.Out);
        if (args.Length > 1 && args[1] == "warm")
        {
            // A first load into a throwaway index, so that the measured load runs warmed up, as under BenchmarkDotNet.
            var warmPath = Paths.Index + ".warm";
            using (var warm = Bench.OpenEmpty(warmPath, data)) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up load {warm.IndexAll().TotalSeconds:F1} s"));
            Directory.Delete(warmPath, recursive: true);
        }
        using var bench = Bench.OpenEmpty(Paths.Index, data);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var elapsed = bench.IndexAll(Console.Out);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"indexed in {elapsed.TotalSeconds:F1} s, {cpu.TotalSeconds:F1} s of CPU; {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1e9:F1} GB allocated, GC paused {(GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds:F1} s, collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
        return 0;
    }
    case "compression":
    {
        // The stored fields' compressor against Lucene.NET's own (same LZ4 format) on the first listings file's
        // JSON in blocks of about 4 KB, as the index's stored fields are compressed: MB/s and compressed size.
        var listings = ClinicDirectory.Core.Seeding.SeedData.Locate(Paths.EnsureData(Console.Out)).LoadListings().First().Listings;
        var blocks = new List<byte[]>();
        var block = new MemoryStream();
        foreach (var listing in listings.Clinics.Cast<object>().Concat(listings.Practitioners))
        {
            System.Text.Json.JsonSerializer.Serialize(block, listing, listing.GetType(), ClinicDirectory.Core.Seeding.DirectoryJson.Options);
            if (block.Length < ClinicDirectory.Search.Lucene.DirectoryCodec.StoredBlockBytes) continue;
            blocks.Add(block.ToArray());
            block = new MemoryStream();
        }
        var bytes = blocks.Sum(b => (long)b.Length);
        var modes = new (string Name, Lucene.Net.Codecs.Compressing.CompressionMode Mode)[]
        {
            ("Lucene.NET's LZ4", Lucene.Net.Codecs.Compressing.CompressionMode.FAST),
            ("the index's LZ4", ClinicDirectory.Search.Lucene.StoredFieldsCompression.Instance),
        };
        // The first round warms the JIT up; five passes over the blocks per measurement.
        foreach (var round in Enumerable.Range(0, 4))
        foreach (var (name, mode) in modes)
        {
            var compressor = mode.NewCompressor();
            var output = new Lucene.Net.Util.GrowableByteArrayDataOutput(64 * 1024);
            long compressed = 0;
            var watch = Stopwatch.StartNew();
            for (var pass = 0; pass < 5; pass++)
            {
                foreach (var b in blocks)
                {
                    output.Length = 0;
                    compressor.Compress(b, 0, b.Length, output);
                    compressed += output.Length;
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(round == 0 ? "warm-up, " : "")}{name}: {5 * bytes / watch.Elapsed.TotalSeconds / 1e6:F0} MB/s, compressed to {(double)compressed / (5 * bytes):P1} ({blocks.Count} blocks, {bytes / 1e6:F1} MB)"));
        }
        return 0;
    }
    case "latency":
    {
        using var bench = Bench.OpenIndexed(Console.Out);
        foreach (var (name, filter) in StandardQueries.All)
        {
            var request = bench.Request(filter);
            // Warmed, then up to 20,000 searches or 10 seconds, whichever comes first.
            bench.WarmUp(request);
            var list = new List<double>(20_000);
            // The searches run on this thread: its own count is exact (the process-wide one, summed over the
            // server collector's heaps, came out negative once).
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
            while (list.Count < 20_000 && Stopwatch.GetTimestamp() < until)
            {
                var start = Stopwatch.GetTimestamp();
                bench.Search(request);
                list.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            var allocatedKb = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1024.0 / list.Count;
            var samples = list.ToArray();
            Array.Sort(samples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {samples.Length} searches, p50 {samples[samples.Length / 2]:F3} ms, p99 {samples[(int)(samples.Length * 0.99)]:F3} ms, max {samples[^1]:F3} ms, {allocatedKb:F1} KB allocated per search"));
        }
        return 0;
    }
    case "build":
    {
        // Time to build documents alone, without adding them to the index.
        var seed = ClinicDirectory.Core.Seeding.SeedData.Locate(Paths.EnsureData(Console.Out));
        var taxonomy = seed.LoadTaxonomy();
        using var analyzer = ClinicDirectory.Search.Lucene.TextAnalysis.CreateAnalyzer();
        var builder = new ClinicDirectory.Search.Lucene.DocumentBuilder(taxonomy, new ClinicDirectory.Search.Lucene.TaxonomyWords(taxonomy, analyzer), analyzer, TimeProvider.System);
        var watch = Stopwatch.StartNew();
        var building = TimeSpan.Zero;
        foreach (var (_, listings) in seed.LoadListings())
        {
            var start = watch.Elapsed;
            var staff = listings.Practitioners.SelectMany(p => p.ClinicIds.Select(c => (c, p))).ToLookup(x => x.c, x => x.p);
            var clinics = listings.Clinics.ToDictionary(c => c.Id);
            long fields = 0;
            var batch = new ClinicDirectory.Core.Search.IndexBatch { Sequence = 0 };
            foreach (var c in listings.Clinics) fields += builder.BuildClinic(c, [.. staff[c.Id]], batch.AssessmentOf).Fields.Count;
            foreach (var p in listings.Practitioners) fields += builder.BuildPractitioner(p, [.. p.ClinicIds.Select(id => clinics.GetValueOrDefault(id)).OfType<ClinicDirectory.Core.Domain.Clinic>()], batch.AssessmentOf(p)).Fields.Count;
            building += watch.Elapsed - start;
        }
        Console.WriteLine($"total {watch.Elapsed.TotalSeconds:F1} s, building documents {building.TotalSeconds:F1} s (one thread)");
        return 0;
    }
    case "profile":
    {
        // The standard search in a loop, for a profiler to look at.
        using var bench = Bench.OpenIndexed(Console.Out);
        var named = args.Length > 1 ? StandardQueries.All.First(q => q.Name.StartsWith(args[1], StringComparison.Ordinal)).Filter : StandardQueries.Standard();
        var request = bench.Request(named);
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 8;
        while (Stopwatch.GetTimestamp() < until) bench.Search(request);
        return 0;
    }
    case "fields":
    {
        // Postings per field of the index (what indexing spends most of its time adding), and their total.
        ClinicDirectory.Search.Lucene.DirectoryCodec.Register();
        using var dir = Lucene.Net.Store.FSDirectory.Open(Paths.Index);
        using var reader = Lucene.Net.Index.DirectoryReader.Open(dir);
        var fields = Lucene.Net.Index.MultiFields.GetFields(reader);
        long total = 0;
        foreach (var f in fields) { var t = fields.GetTerms(f); total += t.SumDocFreq; Console.WriteLine($"{f}: {t.SumDocFreq:N0} postings in {t.DocCount:N0} documents"); }
        Console.WriteLine($"total postings {total:N0} over {reader.NumDocs:N0} docs");
        return 0;
    }
    case "writes":
    {
        // Sequential edits as clinics make them, through the editor the mutations use, on a fresh store and index of
        // BENCH_DATA (SQLite, or PostgreSQL: writes COUNT postgresql "Host=..."): COUNT edits one after another,
        // alternating a new practitioner and a change to one made earlier, over 200 clinics. Prints the first load,
        // the mean and median latency of the first and last 100 edits, their ratio, and the segment count (at the end
        // and at the most).
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        using var run = WriteBenchmarks.Open(args.Length > 2 ? args[2] : "sqlite", args.Length > 3 ? args[3] : null, Console.Out);
        var clinicIds = run.Clinics();
        var made = new List<(string Clinic, string Id, int Version)>();
        var latencies = new double[count];
        var mostSegments = 0;
        for (var i = 0; i < count; i++)
        {
            var update = i % 2 == 1 && made.Count > 0;
            if (update)
            {
                var (clinic, id, version) = made[i / 2 % made.Count];
                var (ms, written) = run.Change(clinic, id, version, i);
                latencies[i] = ms;
                made[i / 2 % made.Count] = (clinic, written.Id, written.Version);
            }
            else
            {
                var clinic = clinicIds[i / 2 % clinicIds.Count];
                var (ms, written) = run.Add(clinic, i);
                latencies[i] = ms;
                made.Add((clinic, written.Id, written.Version));
            }
            mostSegments = Math.Max(mostSegments, run.Bench.Engine.SegmentCount());
        }
        static (double Mean, double Median) Of(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return (sorted.Average(), sorted[sorted.Length / 2]);
        }
        var window = Math.Min(100, count);
        var first = Of(latencies.Take(window));
        var last = Of(latencies.Skip(count - window));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} sequential edits: first {window} mean {first.Mean:F1} ms (median {first.Median:F1}), last {window} mean {last.Mean:F1} ms (median {last.Median:F1}), last/first {last.Mean / first.Mean:F2}; segments {run.Bench.Engine.SegmentCount()} at the end, {mostSegments} at the most"));
        return 0;
    }
    case "concurrent-writes":
    {
        // WRITERS threads adding practitioners at once, COUNT in all, each at its own clinics, through the editor, on
        // a fresh store and index of BENCH_DATA (SQLite, or PostgreSQL as for writes): accepted edits per second.
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var writers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        using var run = WriteBenchmarks.Open(args.Length > 3 ? args[3] : "sqlite", args.Length > 4 ? args[4] : null, Console.Out);
        var clinicIds = run.Clinics();
        var next = -1;
        var watch = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                run.Add(clinicIds[(w + i * writers) % clinicIds.Count], i);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} edits by {writers} concurrent writers in {watch.Elapsed.TotalSeconds:F1} s: {count / watch.Elapsed.TotalSeconds:F0} edits/s"));
        return 0;
    }
    case "merge":
    {
        using var bench = Bench.OpenIndexed(Console.Out);
        var watch = Stopwatch.StartNew();
        bench.Engine.Optimize();
        Console.WriteLine($"merged in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
    case "variants":
    {
        // Where the standard search spends its time: the same search with parts taken away.
        using var bench = Bench.OpenIndexed(Console.Out);
        var variants = new (string, ClinicDirectory.Core.Search.SearchFilter, bool)[]
        {
            ("standard", StandardQueries.Standard(), true),
            ("standard without facets", StandardQueries.Standard(), false),
            ("text + place, no facets", new() { Text = "neck pain", Location = new() { Place = "Toronto, ON", RadiusKm = 25 } }, false),
            ("place + certification, no facets", new() { Certifications = ["kinetacore"], Location = new() { Place = "Toronto, ON", RadiusKm = 25 } }, false),
            ("place, no facets", new() { Location = new() { Place = "Toronto, ON", RadiusKm = 25 } }, false),
            ("text only, no facets", new() { Text = "neck pain" }, false),
        };
        var requests = variants.Select(v => (v.Item1, bench.Request(v.Item2, v.Item3))).ToList();
        requests.Add(("standard, 1 hit", bench.Request(StandardQueries.Standard(), first: 1)));
        requests.Add(("standard, whole listings and highlights (the patient page's search)", bench.PageRequest(StandardQueries.Standard())));
        foreach (var (name, request) in requests)
        {
            bench.WarmUp(request);
            var watch = Stopwatch.StartNew();
            var n = 0;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            while (watch.ElapsedMilliseconds < 3000) { bench.Search(request); n++; }
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {watch.Elapsed.TotalMilliseconds / n:F3} ms, {allocated / 1024.0 / n:F1} KB allocated per search"));
        }
        return 0;
    }
    case "throughput":
    {
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        using var bench = WarmedStandardSearch(out var request);
        Console.WriteLine(Throughput(bench, request, seconds, threads));
        return 0;
    }
    case "throughput-windows":
    {
        // For run-load.sh, which alternates this with the HTTP load: the engine opened and warmed once, then one
        // window of the standard search per line read from standard input (its length in seconds), one result line
        // per window, idle in between; "ready" once warmed. Ends at the end of its input.
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        using var bench = WarmedStandardSearch(out var request);
        Console.WriteLine("ready");
        while (Console.ReadLine() is { } line)
            Console.WriteLine(Throughput(bench, request, double.Parse(line, CultureInfo.InvariantCulture), threads));
        return 0;
    }
    default:
        BenchmarkSwitcher.FromAssembly(typeof(QueryBenchmarks).Assembly).Run(command == "bdn" ? args.Skip(1).ToArray() : args);
        return 0;
}

/// <summary>The engine on the benchmarks' index and the standard search, warmed (what both throughput commands measure).</summary>
static Bench WarmedStandardSearch(out ClinicDirectory.Core.Search.SearchRequest request)
{
    var bench = Bench.OpenIndexed(Console.Out);
    request = bench.Request(StandardQueries.Standard());
    bench.WarmUp(request);
    return bench;
}

/// <summary>The standard search on as many threads as given, for the given seconds: searches per second.</summary>
static string Throughput(Bench bench, ClinicDirectory.Core.Search.SearchRequest request, double seconds, int threads)
{
    long total = 0;
    var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
    var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
    {
        long n = 0;
        while (Stopwatch.GetTimestamp() < until) { bench.Search(request); n++; }
        Interlocked.Add(ref total, n);
    })).ToList();
    workers.ForEach(t => t.Start());
    workers.ForEach(t => t.Join());
    return string.Create(CultureInfo.InvariantCulture, $"engine-only throughput: {total / seconds:F0} searches/s on {threads} threads");
}
