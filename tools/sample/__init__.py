"""The generator behind tools/gen_sample_data.py: one Random(2012), no clock and sorted
iteration, so a rerun writes byte-identical files."""
