from . import test_behpardakht
