// MSBuild task (compiled by RoslynCodeTaskFactory) that lets TorchSharp's native library load
// on systems whose libstdc++ is older than GCC 13's (Debian 12, Ubuntu 22.04).
//
// Why it is safe: libLibTorchSharp.so needs exactly one symbol from GLIBCXX_3.4.32,
// std::ios_base_library_init, which GCC 13's <iostream> only *references* to force linking a
// libstdc++ that initialises the standard streams itself; it is never called and no relocation
// uses it. Marking that one version requirement weak (VER_FLG_WEAK) in the ELF .gnu.version_r
// section turns the loader's hard failure into a warning. Any other missing version is a real
// incompatibility and is reported, not patched.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenMissingGlibcxxVersion : Task
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlagWeak = 0x2;
    static readonly string[] PatchableVersions = { "GLIBCXX_3.4.32" };

    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var systemLibstdcxx = FindSystemLibstdcxx();
        if (systemLibstdcxx == null)
        {
            Log.LogMessage(MessageImportance.Low, "LatentSharp: no system libstdc++.so.6 found; TorchSharp native library left as shipped.");
            return true;
        }
        var provided = ReadDefinedVersionNames(systemLibstdcxx);
        foreach (var item in Libraries)
        {
            var path = item.GetMetadata("FullPath");
            try { PatchOne(path, systemLibstdcxx, provided); }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogWarning("LatentSharp: could not inspect {0}: {1}", path, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    void PatchOne(string path, string systemLibstdcxx, HashSet<string> provided)
    {
        var bytes = File.ReadAllBytes(path);
        var requirements = ReadLibstdcxxRequirements(bytes);
        var missing = requirements.Where(r => !provided.Contains(r.Name)).ToList();
        if (missing.Count == 0) return;   // the system libstdc++ is new enough: nothing to do

        var unfixable = missing.Where(r => !PatchableVersions.Contains(r.Name)).Select(r => r.Name).ToList();
        if (unfixable.Count > 0)
            Log.LogWarning("LatentSharp: {0} needs {1} from libstdc++, which {2} lacks; TorchSharp will not load. Install a newer libstdc++6.",
                path, string.Join(", ", unfixable), systemLibstdcxx);

        var toWeaken = missing.Where(r => PatchableVersions.Contains(r.Name) && (r.Flags & VerFlagWeak) == 0).ToList();
        if (toWeaken.Count == 0) return;  // already patched: idempotent
        foreach (var r in toWeaken)
            WriteUInt16(bytes, r.FlagsOffset, (ushort)(r.Flags | VerFlagWeak));

        var temp = path + ".latentsharp-tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(true);
        }
        File.Replace(temp, path, null); // a rename: never a half-written library
        Log.LogMessage(MessageImportance.High,
            "LatentSharp: marked {0} weak in {1} ({2} lacks it; the one symbol needing it is never called).",
            string.Join(", ", toWeaken.Select(r => r.Name)), path, systemLibstdcxx);
    }

    static string? FindSystemLibstdcxx()
    {
        string[] candidates =
        {
            "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    // Version names a shared library defines (its .gnu.version_d); a plain scan for the
    // "GLIBCXX_"/"CXXABI_" strings in the dynamic string table is enough and avoids a second parser.
    static HashSet<string> ReadDefinedVersionNames(string path)
    {
        var text = Encoding.ASCII.GetString(File.ReadAllBytes(path));
        var names = new HashSet<string>();
        foreach (var prefix in new[] { "GLIBCXX_", "CXXABI_" })
        {
            int at = 0;
            while ((at = text.IndexOf(prefix, at, StringComparison.Ordinal)) >= 0)
            {
                int end = at;
                while (end < text.Length && text[end] != '\0') end++;
                names.Add(text.Substring(at, end - at));
                at = end;
            }
        }
        return names;
    }

    sealed class Requirement
    {
        public string Name = "";
        public ushort Flags;
        public int FlagsOffset;
    }

    // Walks Elf64_Verneed / Elf64_Vernaux entries of .gnu.version_r for libstdc++.so.6.
    static List<Requirement> ReadLibstdcxxRequirements(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        long sectionHeaders = (long)ReadUInt64(elf, 0x28);
        int headerSize = ReadUInt16(elf, 0x3A), headerCount = ReadUInt16(elf, 0x3C);
        var result = new List<Requirement>();
        for (int i = 0; i < headerCount; i++)
        {
            int sh = checked((int)(sectionHeaders + (long)i * headerSize));
            if (ReadUInt32(elf, sh + 4) != ShtGnuVerneed) continue;
            int offset = checked((int)ReadUInt64(elf, sh + 24));
            int link = (int)ReadUInt32(elf, sh + 40);
            int entries = (int)ReadUInt32(elf, sh + 44);
            int linkHeader = checked((int)(sectionHeaders + (long)link * headerSize));
            int strings = checked((int)ReadUInt64(elf, linkHeader + 24));

            int need = offset;
            for (int n = 0; n < entries; n++)
            {
                int count = ReadUInt16(elf, need + 2);
                string file = ReadCString(elf, strings + (int)ReadUInt32(elf, need + 4));
                int aux = need + (int)ReadUInt32(elf, need + 8);
                for (int a = 0; a < count; a++)
                {
                    if (file == "libstdc++.so.6")
                        result.Add(new Requirement
                        {
                            Name = ReadCString(elf, strings + (int)ReadUInt32(elf, aux + 8)),
                            Flags = ReadUInt16(elf, aux + 4),
                            FlagsOffset = aux + 4,
                        });
                    aux += (int)ReadUInt32(elf, aux + 12);
                }
                int next = (int)ReadUInt32(elf, need + 12);
                if (next == 0) break;
                need += next;
            }
        }
        return result;
    }

    static ushort ReadUInt16(byte[] b, int at) => Check(b, at, 2) ? BitConverter.ToUInt16(b, at) : (ushort)0;
    static uint ReadUInt32(byte[] b, int at) => Check(b, at, 4) ? BitConverter.ToUInt32(b, at) : 0u;
    static ulong ReadUInt64(byte[] b, int at) => Check(b, at, 8) ? BitConverter.ToUInt64(b, at) : 0ul;
    static void WriteUInt16(byte[] b, int at, ushort value) { b[at] = (byte)value; b[at + 1] = (byte)(value >> 8); }

    static bool Check(byte[] b, int at, int size)
    {
        if (at < 0 || at + size > b.Length) throw new InvalidDataException("ELF structure points outside the file");
        return true;
    }

    static string ReadCString(byte[] b, int at)
    {
        Check(b, at, 1);
        int end = Array.IndexOf(b, (byte)0, at);
        if (end < 0) throw new InvalidDataException("unterminated ELF string");
        return Encoding.ASCII.GetString(b, at, end - at);
    }
}
