import { mountFrontPage } from '../front/mount';
import { SandboxPage } from './SandboxPage';

mountFrontPage(<SandboxPage />);
