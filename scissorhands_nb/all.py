"Everything public in scissorhands_nb, fastai style: `from scissorhands_nb.all import *` (kept by hand, like fastai's)."
from .split import *
from .data import *
from .datasets import *
from .loaders import *
from .models import *
from .train import *
from .sensitivity import *
from .trim import *
from .repair import *
from .scissorhands import *
