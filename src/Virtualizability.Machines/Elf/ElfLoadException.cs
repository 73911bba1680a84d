namespace Virtualizability.Machines.Elf;

/// <summary>An ELF file the board cannot run; the message names the file and what is wrong with it.</summary>
public sealed class ElfLoadException(string message) : Exception(message);
