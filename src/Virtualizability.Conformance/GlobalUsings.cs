global using Virtualizability.Mips.Reference;
