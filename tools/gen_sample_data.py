"""Write the embedded sample campaign, a fictional Pinghu 2012 "护校安园" data folder.

Usage: python tools/gen_sample_data.py [OUT_DIR]   (default: data/ next to tools/)
"""

import sys

from sample.write import main

if __name__ == "__main__":
    sys.exit(main(sys.argv))
